package micro.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

import micro.core.internal.testing.LoadCallers;
import micro.registry.etcd.internal.EtcdServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of OSGi here: in a running Karaf serving the greeter through the gateway to sixteen
 * callers, {@code feature:install micro-registry-etcd} moves registrations and lookups to a real etcd
 * and {@code feature:uninstall} moves them back, twice, with no restart and no failed call meanwhile.
 */
class RegistryHotSwapIT {

    private static final Path HOME = Path.of(System.getProperty("micro.karaf.assembly"));
    private static final String VERSION = System.getProperty("micro.version");

    @TempDir
    Path dir;

    @Test
    void installingAndUninstallingTheEtcdRegistryLosesNoCall() throws Exception {
        try (EtcdServer etcd = EtcdServer.start(dir.resolve("etcd")); Karaf karaf = Karaf.prepare(HOME)) {
            Files.writeString(HOME.resolve("etc/micro.registry.etcd.cfg"), "endpoints = " + etcd.endpoint() + "\n");
            karaf.start();
            karaf.postUntilOk("/greeter/say/hello", "{\"name\":\"John\"}", Duration.ofMinutes(3));
            assertEquals(0, karaf.run("feature:repo-add mvn:io.micro.osgi/micro-features/" + VERSION + "/xml/features").exit());

            try (LoadCallers load = new LoadCallers(16, karaf.gateway() + "/greeter/say/hello", "{\"name\":\"John\"}")) {
                for (int round = 1; round <= 2; round++) {
                    load.awaitMore("calls to flow before swap " + round, 200);
                    Karaf.Result installed = karaf.run("feature:install micro-registry-etcd");
                    assertEquals(0, installed.exit(), installed.output());
                    await("the greeter registered in etcd", () -> greeterKeys(etcd) > 0);
                    karaf.awaitOutput("micro:get service micro.srv.greeter", "registry=etcd", Duration.ofSeconds(60));
                    load.awaitMore("calls through the gateway while etcd is the registry", 200);

                    Karaf.Result uninstalled = karaf.run("feature:uninstall micro-registry-etcd");
                    assertEquals(0, uninstalled.exit(), uninstalled.output());
                    await("the greeter gone from etcd", () -> greeterKeys(etcd) == 0);
                    karaf.awaitOutput("micro:get service micro.srv.greeter", "registry=memory", Duration.ofSeconds(60));
                    load.awaitMore("calls through the gateway back on the memory registry", 200);
                }
                load.close();
                assertEquals(List.of(), load.firstFailures(), load.failed() + " of " + load.calls() + " calls failed");
            }
        } finally {
            Files.deleteIfExists(HOME.resolve("etc/micro.registry.etcd.cfg"));
        }
    }

    private static int greeterKeys(EtcdServer etcd) {
        try {
            String key = "/micro/registry/micro.srv.greeter/";
            String end = "/micro/registry/micro.srv.greeter0";
            String body = "{\"key\":\"" + b64(key) + "\",\"range_end\":\"" + b64(end) + "\",\"count_only\":true}";
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + etcd.endpoint() + "/v3/kv/range")).POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher count = java.util.regex.Pattern.compile("\"count\":\"(\\d+)\"").matcher(response.body());
            return count.find() ? Integer.parseInt(count.group(1)) : 0;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void await(String what, BooleanSupplier condition) {
        micro.core.internal.testing.Await.until(what, Duration.ofSeconds(60), condition);
    }
}
