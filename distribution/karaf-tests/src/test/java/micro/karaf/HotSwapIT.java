package micro.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

import micro.broker.nats.internal.NatsServer;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.ServerProcess;
import micro.core.internal.testing.LoadCallers;
import micro.registry.etcd.internal.EtcdServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of OSGi here: in one running Karaf serving the greeter through the gateway to sixteen
 * callers, plugins come and go with no restart and no failed call meanwhile — the etcd registry
 * feature installed and uninstalled, and the bundles a plugin author makes from micro's archetypes
 * (generated and built offline by Maven while Karaf boots) dropped into {@code deploy/}.
 */
class HotSwapIT {

    private static final Path HOME = Path.of(System.getProperty("micro.karaf.assembly"));
    private static final String VERSION = System.getProperty("micro.version");
    private static final String GREETER = "/greeter/say/hello";
    private static final String JOHN = "{\"name\":\"John\"}";

    @TempDir
    static Path dir;

    private static EtcdServer etcd;
    private static ServerProcess nats;
    private static Karaf karaf;
    private static Path registryPlugin;
    private static Path helloService;

    @BeforeAll
    static void bootKarafAndBuildTheArchetypes() throws Exception {
        etcd = EtcdServer.start(dir.resolve("etcd"));
        nats = NatsServer.start(dir.resolve("nats"));
        karaf = Karaf.prepare(HOME);
        Files.writeString(HOME.resolve("etc/micro.registry.etcd.cfg"), "endpoints = " + etcd.endpoint() + "\n");
        Files.writeString(HOME.resolve("etc/micro.transport.nats.cfg"), "address = " + nats.address() + "\n");
        karaf.start();
        registryPlugin = GeneratedProject.generate(dir.resolve("projects"), "micro-archetype-plugin", "kv").build();
        helloService = GeneratedProject.generate(dir.resolve("projects"), "micro-archetype-service", "hello").build();
        karaf.postUntilOk(GREETER, JOHN, Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() throws Exception {
        try (EtcdServer e = etcd; ServerProcess n = nats; Karaf k = karaf) {
            Files.deleteIfExists(HOME.resolve("etc/micro.registry.etcd.cfg"));
            Files.deleteIfExists(HOME.resolve("etc/micro.transport.nats.cfg"));
            for (Path jar : new Path[] { registryPlugin, helloService }) {
                if (jar != null) {
                    Files.deleteIfExists(HOME.resolve("deploy").resolve(jar.getFileName()));
                }
            }
        }
    }

    @Test
    void installingAndUninstallingTheEtcdRegistryLosesNoCall() throws Exception {
        assertEquals(0, karaf.run("feature:repo-add mvn:io.micro.osgi/micro-features/" + VERSION + "/xml/features").exit());
        try (LoadCallers load = new LoadCallers(16, karaf.gateway() + GREETER, JOHN)) {
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
    }

    /**
     * The transport swap as the issue tells it: install NATS and the greeter listens on both, a node
     * per transport; stop HTTP and callers move to NATS; start HTTP again and uninstall NATS, and they
     * are back on HTTP. Sixteen callers see no failure. The gateway's calls go through the transport,
     * not in-process, for the time of the test.
     */
    @Test
    void aTransportSwapThroughBothAtOnceLosesNoCall() throws Exception {
        assertEquals(0, karaf.run("feature:repo-add mvn:io.micro.osgi/micro-features/" + VERSION + "/xml/features").exit());
        assertEquals(0, karaf.run("config:property-set -p micro.client local.calls false").exit());
        String greeter = "micro:get service micro.srv.greeter";
        try (LoadCallers load = new LoadCallers(16, karaf.gateway() + GREETER, JOHN)) {
            load.awaitMore("calls to flow before the swap", 200);
            Karaf.Result installed = karaf.run("feature:install micro-transport-nats");
            assertEquals(0, installed.exit(), installed.output());
            karaf.awaitOutput(greeter, "list a node over each transport",
                    output -> output.contains("transport=nats") && output.contains("transport=http"), Duration.ofSeconds(60));
            load.awaitMore("calls through the gateway while the greeter is served over both", 200);

            assertEquals(0, karaf.run("bundle:stop micro.transport.http").exit());
            karaf.awaitOutput(greeter, "list the NATS node alone",
                    output -> output.contains("transport=nats") && !output.contains("transport=http"), Duration.ofSeconds(60));
            load.awaitMore("calls through the gateway over NATS alone", 200);

            assertEquals(0, karaf.run("bundle:start micro.transport.http").exit());
            Karaf.Result uninstalled = karaf.run("feature:uninstall micro-transport-nats");
            assertEquals(0, uninstalled.exit(), uninstalled.output());
            karaf.awaitOutput(greeter, "list the HTTP node alone",
                    output -> output.contains("transport=http") && !output.contains("transport=nats"), Duration.ofSeconds(60));
            load.awaitMore("calls through the gateway back on HTTP", 200);
            load.close();
            assertEquals(List.of(), load.firstFailures(), load.failed() + " of " + load.calls() + " calls failed");
        } finally {
            karaf.run("bundle:start micro.transport.http");
            karaf.run("config:property-set -p micro.client local.calls true");
        }
    }

    @Test
    void theArchetypesRegistryPluginTakesOverFromDeployAndGivesBackLosingNoCall() throws Exception {
        try (LoadCallers load = new LoadCallers(16, karaf.gateway() + GREETER, JOHN)) {
            load.awaitMore("calls to flow before the plugin comes", 200);
            Path deployed = deploy(registryPlugin);
            karaf.awaitOutput("micro:get service micro.srv.greeter", "registry=kv", Duration.ofSeconds(60));
            load.awaitMore("calls through the gateway while the plugin is the registry", 200);

            // Its PID, live: ranked below micro's memory registry, it is no longer the one in use.
            assertEquals(0, karaf.run("config:property-set -p micro.registry.kv service.ranking -200").exit());
            karaf.awaitOutput("micro:get service micro.srv.greeter", "registry=memory", Duration.ofSeconds(60));
            assertEquals(0, karaf.run("config:property-set -p micro.registry.kv service.ranking 200").exit());
            karaf.awaitOutput("micro:get service micro.srv.greeter", "registry=kv", Duration.ofSeconds(60));
            load.awaitMore("calls through the gateway on the plugin again", 200);

            Files.delete(deployed);
            karaf.awaitOutput("micro:get service micro.srv.greeter", "registry=memory", Duration.ofSeconds(60));
            load.awaitMore("calls through the gateway back on the memory registry", 200);
            load.close();
            assertEquals(List.of(), load.firstFailures(), load.failed() + " of " + load.calls() + " calls failed");
        } finally {
            Files.deleteIfExists(HOME.resolve("deploy").resolve(registryPlugin.getFileName()));
            karaf.run("config:delete micro.registry.kv");
        }
    }

    @Test
    void theArchetypesServiceIsServedFromDeployAndConfiguredLive() throws Exception {
        String call = "micro:call com.example.srv.hello Hello.Say '{\"name\":\"Karaf\"}'";
        Path deployed = deploy(helloService);
        try {
            karaf.awaitOutput(call, "Hello Karaf", Duration.ofSeconds(60));
            String meta = karaf.run("config:meta com.example.srv.hello").output();
            assertTrue(meta.contains("greeting") && meta.contains("Hello"), "its Metatype in Karaf: " + meta);
            assertEquals(0, karaf.run("config:property-set -p com.example.srv.hello greeting Hi").exit());
            karaf.awaitOutput(call, "Hi Karaf", Duration.ofSeconds(30));
            String viaGateway = karaf.postUntilOk("/rpc", "{\"service\":\"com.example.srv.hello\",\"endpoint\":\"Hello.Say\","
                    + "\"request\":{\"name\":\"Ann\"}}", Duration.ofSeconds(30));
            assertEquals("{\"msg\":\"Hi Ann\"}", viaGateway);
            Karaf.Result misuse = karaf.run("micro:call com.example.srv.hello Hello.Say '{}'");
            assertTrue(misuse.output().contains("name is required"), "its own 400: " + misuse.output());
        } finally {
            Files.deleteIfExists(deployed);
            karaf.run("config:delete com.example.srv.hello");
        }
        Await.until("com.example.srv.hello to leave the registry with its bundle", Duration.ofSeconds(60),
                () -> !listServices().contains("com.example.srv.hello"));
    }

    @Test
    void theRateLimiterFeatureRefusesPastItsLimitWith429AndLeavesWithItsFeature() throws Exception {
        String hello = "{\"service\":\"micro.srv.greeter\",\"endpoint\":\"Say.Hello\",\"request\":{\"name\":\"Rate\"}}";
        karaf.postUntilOk("/rpc", hello, Duration.ofSeconds(30));
        try {
            Karaf.Result installed = karaf.run("feature:install micro-wrapper-ratelimit");
            assertEquals(0, installed.exit(), installed.output());
            // Two calls an hour for each service, applied live: the third is refused whenever it comes.
            assertEquals(0, karaf.run("config:property-set -p micro.wrapper.ratelimit refresh.period.ms 3600000").exit());
            assertEquals(0, karaf.run("config:property-set -p micro.wrapper.ratelimit limit.for.period 2").exit());
            await("the rate limiter to refuse with 429", () -> post("/rpc", hello).statusCode() == 429);
            HttpResponse<String> refused = post("/rpc", hello);
            assertEquals(429, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("micro.wrapper.ratelimit") && refused.body().contains("2 calls per 3600000 ms"),
                    refused.body());
        } finally {
            karaf.run("feature:uninstall micro-wrapper-ratelimit");
            karaf.run("config:delete micro.wrapper.ratelimit");
        }
        await("calls to pass once the limiter left", () -> post("/rpc", hello).statusCode() == 200);
    }

    private static HttpResponse<String> post(String path, String json) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(karaf.gateway() + path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Into Karaf's deploy/ in one step (a move), so its file watcher never sees half a jar. */
    private static Path deploy(Path jar) throws IOException {
        Path staged = Files.copy(jar, HOME.resolve(jar.getFileName() + ".part"), StandardCopyOption.REPLACE_EXISTING);
        return Files.move(staged, HOME.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static String listServices() {
        try {
            return karaf.run("micro:list services").output();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
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
        Await.until(what, Duration.ofSeconds(60), condition);
    }
}
