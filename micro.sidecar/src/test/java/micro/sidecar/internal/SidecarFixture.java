package micro.sidecar.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import micro.api.client.Client;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.testing.Configs;

/** A sidecar on a free loopback port over a memory registry and a {@link LocalBroker}, and an HTTP client for it. */
final class SidecarFixture implements AutoCloseable {

    final Sidecar sidecar;
    final MemoryRegistry registry = new MemoryRegistry(Duration.ofMillis(100));
    final LocalBroker broker = new LocalBroker();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SidecarFixture(Client client, Map<String, Object> config) throws Exception {
        Map<String, Object> values = new HashMap<>(config);
        values.putIfAbsent("address", "127.0.0.1:" + freePort());
        sidecar = new Sidecar(Configs.of(Sidecar.Config.class, values), values, client);
        sidecar.setRegistry(registry);
        sidecar.setBroker(broker);
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sidecar.address() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI webSocket(String path) {
        return URI.create(sidecar.address().replace("http://", "ws://") + path);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        sidecar.deactivate();
        registry.close();
    }
}
