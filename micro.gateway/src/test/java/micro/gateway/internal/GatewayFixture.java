package micro.gateway.internal;

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
import micro.api.selector.Selector;
import micro.core.internal.testing.Configs;

/** A gateway on a free loopback port in front of given upstreams, and a plain HTTP client for it. */
final class GatewayFixture implements AutoCloseable {

    final Gateway gateway;
    private final HttpClient http;

    GatewayFixture(Client client, Selector selector, Map<String, Object> config) throws Exception {
        this(client, selector, config, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    GatewayFixture(Client client, Selector selector, Map<String, Object> config, HttpClient http) throws Exception {
        Map<String, Object> values = new HashMap<>(config);
        values.putIfAbsent("address", "127.0.0.1:" + freePort());
        values.putIfAbsent("access_log", false);
        gateway = new Gateway(Configs.of(Gateway.Config.class, values), Map.of(), client);
        gateway.setSelector(selector);
        this.http = http;
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.address() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        gateway.deactivate();
    }
}
