package micro.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import micro.api.MicroException;
import micro.api.command.Command;
import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.selector.CachingSelector;
import micro.core.internal.testing.Configs;
import micro.core.internal.testing.ScriptedClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's routes over a memory registry and a scripted client; the pages themselves are tested in a browser (WebDashboardIT). */
class WebDashboardTest {

    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofMillis(100));
    private final ScriptedClient client = new ScriptedClient().on("micro.srv.greeter",
            call -> ScriptedClient.reply("{\"msg\":\"Hello\"}"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final CachingSelector selector = new CachingSelector("random", Duration.ofSeconds(30));
    private WebDashboard web;

    @BeforeEach
    void start() throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("address", "127.0.0.1:" + freePort()));
        web = new WebDashboard(Configs.of(WebDashboard.Config.class, config), config, client);
        web.setRegistry(registry);
        selector.setRegistry(registry, Map.of());
        web.setSelector(selector);
        for (int i = 0; i < 250; i++) {
            registry.register(service("micro.srv.s" + String.format("%03d", i)), Duration.ZERO);
        }
    }

    @AfterEach
    void stop() throws Exception {
        web.deactivate();
        registry.close();
    }

    private static Service service(String name) {
        return new Service(name, "1.0", Map.of(), List.of(), List.of(new Node(name + "-1", "127.0.0.1:1", Map.of())));
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(web.address() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aBrowserGetsThePageAndJsonClientsGetJson() throws Exception {
        HttpResponse<String> page = send("GET", "/registry", null, "Accept", "text/html,application/xhtml+xml");
        assertTrue(page.body().contains("data-page=\"registry\"") && page.headers().firstValue("Content-Security-Policy")
                .orElse("").contains("script-src 'self'"), page.body());
        HttpResponse<String> json = send("GET", "/registry?q=s01&limit=5", null, "Accept", "application/json");
        assertTrue(json.body().startsWith("{\"services\":[{\"name\":\"micro.srv.s010\""), json.body());
        assertTrue(json.body().contains("\"total\":10"), "searched: " + json.body());
        HttpResponse<String> second = send("GET", "/registry?q=micro.srv.s&offset=100&limit=100", null, "Content-Type",
                "application/json");
        assertTrue(second.body().contains("{\"name\":\"micro.srv.s100\"") && second.body().contains("\"total\":250")
                && !second.body().contains("micro.srv.s200"), "paged: " + second.body());
        HttpResponse<String> unknown = send("GET", "/registry?service=micro.srv.none", null, "Accept", "application/json");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("micro.srv.none"), unknown.body());
        assertTrue(send("GET", "/registry?service=micro.srv.none", null, "Accept", "text/html").body()
                .contains("data-page=\"service\""), "a browser gets the page, whose script asks the JSON and says it is unknown");
    }

    @Test
    void rpcTakesJsonFromThisOriginOnly() throws Exception {
        String call = "{\"service\":\"micro.srv.greeter\",\"endpoint\":\"Say.Hello\",\"request\":{}}";
        assertEquals(200, send("POST", "/rpc", call, "Content-Type", "application/json").statusCode());
        assertEquals(415, send("POST", "/rpc", call, "Content-Type", "application/x-www-form-urlencoded").statusCode(),
                "a cross-site form cannot drive it");
        assertEquals(403, send("POST", "/rpc", call, "Content-Type", "application/json", "Origin", "http://evil.example")
                .statusCode());
        assertEquals(200, send("POST", "/rpc", call, "Content-Type", "application/json", "Origin", web.address()).statusCode());
    }

    /** A command as the shell publishes them. */
    private record Echo() implements Command {
        public String name() {
            return "echo";
        }

        public String usage() {
            return "echo TEXT";
        }

        public String description() {
            return "say it back";
        }

        public boolean acts() {
            return false;
        }

        public String run(List<String> args) {
            if (args.isEmpty()) {
                throw MicroException.badRequest("test", "echo what?");
            }
            return String.join("|", args);
        }
    }

    @Test
    void theCliRunsTheCommandServicesFromThisOriginOnly() throws Exception {
        web.addCommand(new Echo(), Map.of("service.id", 7L));
        HttpResponse<String> listed = send("GET", "/cli", null, "Accept", "application/json");
        assertEquals("{\"commands\":[{\"name\":\"echo\",\"usage\":\"echo TEXT\",\"description\":\"say it back\"}]}", listed.body());
        HttpResponse<String> ran = send("POST", "/cli", "{\"line\":\"echo a {\\\"b\\\": 1}\"}", "Content-Type", "application/json");
        assertEquals(200, ran.statusCode(), ran.body());
        assertEquals("{\"output\":\"a|{\\\"b\\\": 1}\"}", ran.body(), "the JSON stays one argument");
        assertEquals(400, send("POST", "/cli", "{\"line\":\"echo\"}", "Content-Type", "application/json").statusCode());
        assertEquals(400, send("POST", "/cli", "{}", "Content-Type", "application/json").statusCode());
        HttpResponse<String> unknown = send("POST", "/cli", "{\"line\":\"nope\"}", "Content-Type", "application/json");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("nope: command not found"), unknown.body());
        assertEquals(403, send("POST", "/cli", "{\"line\":\"echo x\"}", "Content-Type", "application/json", "Origin",
                "http://evil.example").statusCode());
        assertEquals(415, send("POST", "/cli", "line=echo+x", "Content-Type", "application/x-www-form-urlencoded").statusCode());
        web.removeCommand(new Echo(), Map.of("service.id", 7L));
        assertEquals(404, send("POST", "/cli", "{\"line\":\"echo x\"}", "Content-Type", "application/json").statusCode());
        assertTrue(send("GET", "/cli", null, "Accept", "text/html").body().contains("data-page=\"cli\""), "a browser gets the page");
    }

    @Test
    void aRefusedPostWhoseBodyComesLaterLeavesTheConnectionFitForTheNextRequest() throws Exception {
        URI at = URI.create(web.address());
        try (java.net.Socket socket = new java.net.Socket(at.getHost(), at.getPort())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            java.io.InputStream in = socket.getInputStream();
            for (String path : List.of("/cli", "/rpc")) {
                out.write(("POST " + path + " HTTP/1.1\r\nHost: " + at.getAuthority() + "\r\nAccept: application/json\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 11\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // Answering now would leave the body unread, and Jetty closes such a connection: the refusal waits for it.
                socket.setSoTimeout(300);
                org.junit.jupiter.api.Assertions.assertThrows(java.net.SocketTimeoutException.class, in::read,
                        "no answer before the body");
                socket.setSoTimeout(10_000);
                out.write("line=echo+x".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = responseHead(in);
                assertTrue(head.startsWith("HTTP/1.1 415"), head);
                assertTrue(!head.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), "kept alive: " + head);
            }
            out.write(("GET /cli HTTP/1.1\r\nHost: " + at.getAuthority() + "\r\nAccept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(responseHead(in).startsWith("HTTP/1.1 200"), "the same connection serves the next request");
        }
    }

    /** Reads one response's head and its Content-Length body, returning the head. */
    private static String responseHead(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("the server closed the connection after: " + head);
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
        return head.toString();
    }

    @Test
    void anUnknownWebAppIsA404NamingTheServiceLookedFor() throws Exception {
        HttpResponse<String> missing = send("GET", "/shop/cart", null);
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("micro.web.shop"), missing.body());
        HttpResponse<String> page = send("GET", "/shop/cart", null, "Accept", "text/html");
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("data-page=\"error\""), "a browser gets the 404 page: " + page.body());
        registry.register(service("micro.web.shop"), Duration.ZERO);
        HttpResponse<String> apps = send("GET", "/", null, "Accept", "application/json");
        assertTrue(apps.body().contains("\"services\":[\"shop\"]"), apps.body());
        HttpResponse<String> down = send("GET", "/shop/cart", null);
        assertEquals(502, down.statusCode(), "its node does not answer: " + down.body());
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void openPagesHearOfRegistryChangesFromOneWatch() throws Exception {
        HttpRequest events = HttpRequest.newBuilder(URI.create(web.address() + "/registry/events")).build();
        HttpResponse<java.io.InputStream> stream = http.send(events, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream; charset=utf-8", stream.headers().firstValue("Content-Type").orElse(""));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            registry.register(service("micro.srv.fresh"), Duration.ZERO);
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.contains("micro.srv.fresh"));
            assertTrue(line != null && line.startsWith("data: {") && line.contains("\"action\":\"create\""), line);
        }
    }
}
