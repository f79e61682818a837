package micro.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The Karaf operator's route: a stock Apache Karaf 4.4, {@code feature:repo-add} of our features by
 * Maven coordinates (resolved from the local repository the build installed into), then
 * {@code feature:install micro}.
 */
class StockKarafFeaturesIT {

    private static final Path HOME = Path.of(System.getProperty("micro.karaf.stock"));
    private static final String VERSION = System.getProperty("micro.version");

    @Test
    void featureInstallMicroAndTheGatewayServeTheGreeter() throws Exception {
        try (Karaf karaf = Karaf.prepare(HOME)) {
            karaf.start();
            karaf.awaitOutput("feature:list -i", "feature", Duration.ofMinutes(3));
            Karaf.Result added = karaf.run("feature:repo-add mvn:io.micro.osgi/micro-features/" + VERSION + "/xml/features");
            assertEquals(0, added.exit(), added.output());
            Karaf.Result installed = karaf.run("feature:install micro");
            assertEquals(0, installed.exit(), installed.output());

            karaf.awaitOutput("micro:list services", "micro.api.greeter", Duration.ofSeconds(60));
            karaf.awaitOutput("micro:query micro.api.greeter Say.Hello '{\"name\":\"John\"}'", "Hello John",
                    Duration.ofSeconds(60));
            String stats = karaf.run("micro:stats micro.srv.greeter").output();
            assertTrue(stats.contains("THREADS") && stats.contains(" MiB"), stats);

            // A go-micro client's JSON-RPC call, straight to the greeter's node on the HTTP transport.
            Matcher node = Pattern.compile("\"address\"\\s*:\\s*\"(127\\.0\\.0\\.1:\\d+)\"")
                    .matcher(karaf.run("micro:get --json service micro.srv.greeter").output());
            assertTrue(node.find(), "the greeter's node address");
            HttpResponse<String> rpc = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + node.group(1)
                    + "/")).header("Content-Type", "application/json-rpc").header("Micro-Service", "micro.srv.greeter")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"Say.Hello\",\"params\":[{\"name\":\"Go\"}],\"id\":9}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"id\":9,\"result\":{\"msg\":\"Hello Go\"},\"error\":null}", rpc.body());

            Karaf.Result gateway = karaf.run("feature:install micro-gateway");
            assertEquals(0, gateway.exit(), gateway.output());
            String reply = karaf.postUntilOk("/greeter/say/hello", "{\"name\":\"John\"}", Duration.ofSeconds(60));
            assertEquals("{\"msg\":\"Hello John\"}", reply);
            String routes = karaf.awaitOutput("micro:routes /greeter/say/hello", "micro.api.greeter", Duration.ofSeconds(30));
            assertTrue(routes.contains("endpoint   Say.Hello"), routes);

            // The web dashboard, on the port Karaf.prepare wrote to etc/micro.web.cfg.
            Karaf.Result web = karaf.run("feature:install micro-web");
            assertEquals(0, web.exit(), web.output());
            String registry = karaf.getUntilOk(karaf.web() + "/registry", Duration.ofSeconds(60));
            assertTrue(registry.contains("micro.api.greeter"), "the dashboard in a stock Karaf: " + registry);

            // The Consul registry resolves and starts in a stock Karaf too (no Consul here: it only logs, retrying).
            Karaf.Result consul = karaf.run("feature:install micro-registry-consul");
            assertEquals(0, consul.exit(), consul.output());
            karaf.awaitOutput("bundle:list -s", "micro.registry.consul", Duration.ofSeconds(30));
            assertTrue(karaf.run("bundle:list -s").output().lines().anyMatch(l -> l.contains("micro.registry.consul")
                    && l.contains("Active")));
            assertEquals(0, karaf.run("feature:uninstall micro-registry-consul").exit());

            // So does the NATS broker with jnats embedded (no NATS here either: it keeps trying to connect).
            Karaf.Result nats = karaf.run("feature:install micro-broker-nats");
            assertEquals(0, nats.exit(), nats.output());
            assertTrue(karaf.run("bundle:list -s").output().lines().anyMatch(l -> l.contains("micro.broker.nats")
                    && l.contains("Active")));
            assertEquals(0, karaf.run("feature:uninstall micro-broker-nats").exit());

            // The Kubernetes registry too (no cluster here: its watch retries quietly).
            Karaf.Result kubernetes = karaf.run("feature:install micro-registry-kubernetes");
            assertEquals(0, kubernetes.exit(), kubernetes.output());
            assertTrue(karaf.run("bundle:list -s").output().lines().anyMatch(l -> l.contains("micro.registry.kubernetes")
                    && l.contains("Active")));
            assertEquals(0, karaf.run("feature:uninstall micro-registry-kubernetes").exit());

            // And the RabbitMQ broker, its client embedded without Netty (no RabbitMQ here either: it retries).
            Karaf.Result rabbitmq = karaf.run("feature:install micro-broker-rabbitmq");
            assertEquals(0, rabbitmq.exit(), rabbitmq.output());
            assertTrue(karaf.run("bundle:list -s").output().lines().anyMatch(l -> l.contains("micro.broker.rabbitmq")
                    && l.contains("Active")));
            assertEquals(0, karaf.run("feature:uninstall micro-broker-rabbitmq").exit());

            // The protobuf codec and protobuf-java, a bundle as Maven Central ships it.
            Karaf.Result protobuf = karaf.run("feature:install micro-codec-protobuf");
            assertEquals(0, protobuf.exit(), protobuf.output());
            assertTrue(karaf.run("bundle:list -s").output().lines().anyMatch(l -> l.contains("micro.codec.protobuf")
                    && l.contains("Active")));
            karaf.awaitOutput("service:list micro.api.codec.Codec", "application/protobuf", Duration.ofSeconds(30));

            String features = karaf.run("feature:list -i").output();
            for (String feature : new String[] { "micro-core", "micro-transport-http", "micro-shell", "micro-example-greeter",
                    "micro-gateway", "micro-web" }) {
                assertTrue(features.contains(feature), features);
            }
        }
    }
}
