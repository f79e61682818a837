package micro.host;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/** {@code micro.jar server --transport memory}: one process, every call in it, no HTTP transport bundle. */
class MemoryTransportHostIT {

    @Test
    void theGreeterAnswersThroughTheGatewayWithTheHttpTransportLeftOut() throws Exception {
        Options options = Options.parse(new String[] { "server", "--web_address", "127.0.0.1:0", "--transport", "memory", "--cli_address",
                "127.0.0.1:" + Processes.freePort(), "--api_address", "127.0.0.1:" + Processes.freePort() }, Map.of());
        try (Host host = Host.start(BundleSource.folder(Path.of(System.getProperty("micro.bundles", "target/classes/bundles"))),
                Configurations.of(options), Configurations.bundlesNotStarted(options))) {
            assertTrue(host.bundle("micro.transport.http").getState() != Bundle.ACTIVE, "left out");
            String gateway = host.awaitEdge("gateway", Duration.ofSeconds(10));
            HttpClient http = HttpClient.newHttpClient();
            String[] last = { "" };
            Processes.await("the greeter to answer through the gateway", Duration.ofSeconds(30), () -> {
                try {
                    last[0] = http.send(HttpRequest.newBuilder(URI.create(gateway + "/greeter/say/hello"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"John\"}")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                } catch (Exception e) {
                    last[0] = e.toString();
                }
                return last[0].contains("Hello John");
            });
            Object server = host.awaitService("micro.api.server.Server", Duration.ofSeconds(5));
            assertTrue(String.valueOf(Host.call(server, "services")).contains("transport=memory"), last[0]);
        }
    }
}
