package micro.bench.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import micro.api.registry.Endpoint;
import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.api.registry.Value;
import micro.bench.Loopback;
import micro.bench.Report;
import micro.bench.Stats;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.testing.Configs;
import micro.core.internal.testing.ScriptedClient;
import micro.web.internal.WebDashboard;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Scenario "web": the dashboard with 10,000 registered services. Each page's JSON (the index, the
 * first and last page of the registry, a search, one service) and the page shell are asked 300 times
 * in a row over one keep-alive connection; the peer is a bare Jetty server answering the same bytes
 * as the registry's first page, so the ratio is what the dashboard adds to sending them.
 */
public final class WebScenario {

    private static final int SERVICES = 10_000;
    private static final int WARMUP = 200;
    private static final int SAMPLES = 300;
    private static final String JSON = "application/json";

    public void run(Report report) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<List<String>> rows = new ArrayList<>();
        double firstPage;
        double peer;
        try (MemoryRegistry registry = new MemoryRegistry(Duration.ofSeconds(30))) {
            for (int i = 0; i < SERVICES; i++) {
                registry.register(service(String.format("bench.service.s%05d", i)), Duration.ZERO);
            }
            for (int i = 0; i < 20; i++) {
                registry.register(service("micro.web.app" + i), Duration.ZERO);
            }
            Map<String, Object> config = new HashMap<>(Map.of("address", "127.0.0.1:" + Loopback.freePort()));
            WebDashboard web = new WebDashboard(Configs.of(WebDashboard.Config.class, config), config, new ScriptedClient());
            web.setRegistry(registry);
            try {
                String base = web.address();
                rows.add(row("`GET /` (web apps, JSON)", measure(http, base + "/", JSON)));
                List<Double> first = measure(http, base + "/registry", JSON);
                firstPage = Stats.median(first);
                rows.add(row("`GET /registry` (first 100 of 10,020, JSON)", first));
                rows.add(row("`GET /registry?offset=9900` (a late page, JSON)", measure(http, base + "/registry?offset=9900", JSON)));
                rows.add(row("`GET /registry?q=s0999` (search, JSON)", measure(http, base + "/registry?q=s0999", JSON)));
                rows.add(row("`GET /registry?service=bench.service.s05000` (JSON)",
                        measure(http, base + "/registry?service=bench.service.s05000", JSON)));
                rows.add(row("`GET /registry` (the page, HTML)", measure(http, base + "/registry", "text/html")));
                byte[] same = http.send(request(base + "/registry", JSON), HttpResponse.BodyHandlers.ofByteArray()).body();
                List<Double> plain = measurePeer(http, same);
                peer = Stats.median(plain);
                rows.add(row("peer: a bare Jetty server sending the same bytes as the first page", plain));
            } finally {
                web.deactivate();
            }
        }
        double ratio = firstPage / peer;
        System.out.printf("web: first page %.2f ms, peer %.2f ms, ratio %.1f%n", firstPage, peer, ratio);
        report.headline("web_registry_first_page_10k_ms", firstPage, 2);
        report.headline("web_registry_first_page_vs_plain_server_ratio", ratio, 2);
        report.section("Web dashboard with 10,000 services", "The dashboard in process over a memory registry of "
                + SERVICES + " services and 20 web apps; each request " + SAMPLES + " times in a row after " + WARMUP
                + " unmeasured, one keep-alive connection. The registry's JSON is searched and paged on the server (100 a "
                + "page), so a page never carries all 10,000. Ratio of the first page to the peer: " + Stats.fixed(ratio, 1) + ".",
                List.of("request", "median ms", "p99 ms"), rows);
    }

    private static Service service(String name) {
        Value request = new Value("Request", "Request", List.of(new Value("name", "string", List.of())));
        return new Service(name, "1.0.0", Map.of(), List.of(new Endpoint("Say.Hello", request, request, Map.of())),
                List.of(new Node(name + "-1", "127.0.0.1:1", Map.of(Node.TRANSPORT, "http"))));
    }

    private static HttpRequest request(String url, String accept) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).timeout(Duration.ofSeconds(10)).build();
    }

    private static List<Double> measure(HttpClient http, String url, String accept) throws Exception {
        HttpRequest request = request(url, accept);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < WARMUP + SAMPLES; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            if (i >= WARMUP) {
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        return millis;
    }

    /** A bare Jetty 12 server (the dashboard's own) answering fixed bytes: what sending them costs. */
    private static List<Double> measurePeer(HttpClient http, byte[] body) throws Exception {
        Server plain = new Server();
        ServerConnector connector = new ServerConnector(plain);
        connector.setHost("127.0.0.1");
        plain.addConnector(connector);
        plain.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.getHeaders().put("Content-Type", JSON);
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        plain.start();
        try {
            return measure(http, "http://127.0.0.1:" + connector.getLocalPort() + "/registry", JSON);
        } finally {
            plain.stop();
        }
    }

    private static List<String> row(String what, List<Double> millis) throws IOException {
        List<Double> sorted = millis.stream().sorted().toList();
        return List.of(what, Stats.fixed(Stats.median(millis), 2), Stats.fixed(sorted.get((int) (sorted.size() * 0.99)), 2));
    }
}
