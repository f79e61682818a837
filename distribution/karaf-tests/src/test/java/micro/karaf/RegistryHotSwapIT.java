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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import micro.registry.etcd.internal.EtcdServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of OSGi here: in a running Karaf serving the greeter through the gateway,
 * {@code feature:install micro-registry-etcd} moves registrations and lookups to a real etcd and
 * {@code feature:uninstall} moves them back, with no restart and no failed call meanwhile.
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

            Caller caller = new Caller(karaf.gateway());
            caller.start();
            Karaf.Result installed = karaf.run("feature:install micro-registry-etcd");
            assertEquals(0, installed.exit(), installed.output());
            await("the greeter registered in etcd", () -> greeterKeys(etcd) > 0);
            karaf.awaitOutput("micro:get service micro.srv.greeter", "registry=etcd", Duration.ofSeconds(60));
            int callsBefore = caller.ok.get();
            await("calls through the gateway while etcd is the registry", () -> caller.ok.get() > callsBefore + 20);

            Karaf.Result uninstalled = karaf.run("feature:uninstall micro-registry-etcd");
            assertEquals(0, uninstalled.exit(), uninstalled.output());
            await("the greeter gone from etcd", () -> greeterKeys(etcd) == 0);
            karaf.awaitOutput("micro:get service micro.srv.greeter", "registry=memory", Duration.ofSeconds(60));
            int callsAfter = caller.ok.get();
            await("calls through the gateway back on the memory registry", () -> caller.ok.get() > callsAfter + 20);
            caller.stop();

            assertEquals(List.of(), caller.failures, "every call during the swaps succeeded");
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

    /** Calls the greeter through the gateway without pause, keeping every failure it sees. */
    private static final class Caller {
        final AtomicInteger ok = new AtomicInteger();
        final List<String> failures = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Caller(String gateway) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/greeter/say/hello"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"John\"}")).build();
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200 && response.body().contains("Hello John")) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(response.statusCode() + " " + response.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "caller");
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(15_000);
        }
    }
}
