package micro.sidecar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import micro.api.selector.ServiceNotFoundException;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.ScriptedClient;

import org.junit.jupiter.api.Test;

/** The sidecar's HTTP routes against a memory registry, a local broker and a scripted client. */
class SidecarTest {

    private static final String PY = "{\"name\":\"micro.srv.greeter.py\",\"nodes\":[{\"id\":\"py-1\",\"address\":\"127.0.0.1:9000\"}]}";

    private final ScriptedClient client = new ScriptedClient()
            .on("micro.srv.greeter", call -> ScriptedClient.reply("{\"msg\":\"Hello " + call.body().replaceAll(".*\"name\":\"([^\"]*)\".*", "$1") + "\"}"))
            .otherwise(call -> ScriptedClient.failure(new ServiceNotFoundException(call.service())));

    @Test
    void anAppRegistersIsListedAndDeregisters() throws Exception {
        try (SidecarFixture fixture = new SidecarFixture(client, Map.of())) {
            HttpResponse<String> registered = fixture.send("POST", "/registry?ttl=10s", PY);
            assertEquals(200, registered.statusCode(), registered.body());
            HttpResponse<String> one = fixture.send("GET", "/registry?service=micro.srv.greeter.py", null);
            assertEquals(200, one.statusCode());
            assertTrue(one.body().startsWith("[") && one.body().contains("\"address\":\"127.0.0.1:9000\""), one.body());
            String all = fixture.send("GET", "/registry", null).body();
            assertTrue(all.contains("micro.srv.greeter.py") && all.contains("\"micro.sidecar\""), all);

            assertEquals(200, fixture.send("DELETE", "/registry", PY).statusCode());
            HttpResponse<String> gone = fixture.send("GET", "/registry?service=micro.srv.greeter.py", null);
            assertEquals(404, gone.statusCode());
            assertTrue(gone.body().contains("micro.srv.greeter.py") && gone.body().contains("\"code\":404"), gone.body());
        }
    }

    @Test
    void goMicroJsonIsReadWhateverTheCaseOfItsFieldNames() throws Exception {
        try (SidecarFixture fixture = new SidecarFixture(client, Map.of())) {
            String capitalised = "{\"Name\":\"micro.srv.go\",\"Version\":\"1.0\",\"Nodes\":[{\"Id\":\"go-1\",\"Address\":\"127.0.0.1:9001\"}]}";
            assertEquals(200, fixture.send("POST", "/registry", capitalised).statusCode());
            assertEquals("1.0", fixture.registry.getService("micro.srv.go").get(0).version());
        }
    }

    @Test
    void malformedRegistrationsAreRefusedSayingWhy() throws Exception {
        try (SidecarFixture fixture = new SidecarFixture(client, Map.of())) {
            String[][] cases = {
                    { "not json", "not a service as JSON" },
                    { "{\"nodes\":[{\"id\":\"a\",\"address\":\"127.0.0.1:1\"}]}", "a service needs a name" },
                    { "{\"name\":\"x\"}", "has no nodes" },
                    { "{\"name\":\"x\",\"nodes\":[{\"id\":\"a\"}]}", "has no address" },
                    { "", "not a service as JSON" },
            };
            for (String[] bad : cases) {
                HttpResponse<String> answer = fixture.send("POST", "/registry", bad[0]);
                assertEquals(400, answer.statusCode(), bad[0] + " -> " + answer.body());
                assertTrue(answer.body().contains(bad[1]), bad[0] + " -> " + answer.body());
            }
            HttpResponse<String> badTtl = fixture.send("POST", "/registry?ttl=soon", PY);
            assertEquals(400, badTtl.statusCode());
            assertTrue(badTtl.body().contains("ttl 'soon'"), badTtl.body());
            assertEquals(405, fixture.send("PUT", "/registry", PY).statusCode());
        }
    }

    @Test
    void rpcAndPathsCallServicesAndAnUnknownOneIsA404NamingIt() throws Exception {
        try (SidecarFixture fixture = new SidecarFixture(client, Map.of())) {
            HttpResponse<String> rpc = fixture.send("POST", "/rpc",
                    "{\"service\":\"micro.srv.greeter\",\"endpoint\":\"Say.Hello\",\"request\":{\"name\":\"John\"}}");
            assertEquals(200, rpc.statusCode(), rpc.body());
            assertEquals("{\"msg\":\"Hello John\"}", rpc.body());

            HttpResponse<String> path = fixture.send("POST", "/greeter/say/hello", "{\"name\":\"Jane\"}");
            assertEquals("{\"msg\":\"Hello Jane\"}", path.body());
            ScriptedClient.Call last = client.calls.get(client.calls.size() - 1);
            assertEquals("micro.srv.greeter", last.service(), "the sidecar's namespace");
            assertEquals("Say.Hello", last.endpoint());

            HttpResponse<String> direct = fixture.send("POST", "/rpc", "{\"service\":\"micro.srv.greeter\",\"endpoint\":\"Say.Hello\","
                    + "\"request\":{\"name\":\"Al\"},\"address\":\"127.0.0.1:9999\"}");
            assertEquals(200, direct.statusCode());
            assertEquals("127.0.0.1:9999", client.calls.get(client.calls.size() - 1).options().address(), "address: that node");

            HttpResponse<String> unknown = fixture.send("POST", "/rpc", "{\"service\":\"micro.srv.nope\",\"endpoint\":\"A.B\"}");
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains("micro.srv.nope"), unknown.body());
            assertEquals(400, fixture.send("POST", "/rpc", "{\"service\":\"x\"}").statusCode());
        }
    }

    @Test
    void brokerPublishesPostsAndBridgesWebSockets() throws Exception {
        try (SidecarFixture fixture = new SidecarFixture(client, Map.of("max_message_bytes", 1024))) {
            HttpResponse<String> noTopic = fixture.send("POST", "/broker", "{}");
            assertEquals(400, noTopic.statusCode());
            assertTrue(noTopic.body().contains("topic"), noTopic.body());

            HttpResponse<String> posted = fixture.send("POST", "/broker?topic=events", "{\"a\":1}", "X-Trace", "t-1");
            assertEquals(200, posted.statusCode(), posted.body());
            LocalBroker.Published first = fixture.broker.published.get(0);
            assertEquals("events", first.topic());
            assertEquals("t-1", first.message().header("X-Trace"), "HTTP headers become message headers");

            try (TestSocket socket = new TestSocket(fixture.http, fixture.webSocket("/broker?topic=events"))) {
                Await.until("the socket to subscribe", Duration.ofSeconds(10), () -> fixture.broker.subscribers("events") == 1);
                fixture.broker.publish("events", new micro.api.transport.Message(Map.of("Content-Type", "application/json"),
                        "{\"n\":7}".getBytes()));
                String delivered = socket.next();
                assertTrue(delivered.contains("\"body\":{\"n\":7}") && delivered.contains("\"header\""), delivered);
                fixture.broker.publish("events", new micro.api.transport.Message(Map.of("Content-Type", "text/plain"),
                        "plain".getBytes()));
                String binary = socket.next();
                assertTrue(binary.contains("\"body\":\"cGxhaW4=\"") && binary.contains("\"content_type\":\"text/plain\""), binary);

                socket.socket.sendText("{\"from\":\"app\"}", true).get(5, TimeUnit.SECONDS);
                Await.until("the app's message to be published", Duration.ofSeconds(10), () -> fixture.broker.published.stream()
                        .anyMatch(p -> new String(p.message().body()).equals("{\"from\":\"app\"}")));

                socket.socket.sendText("x".repeat(5000), true);
                assertEquals(1009, socket.closeCode.get(10, TimeUnit.SECONDS), "over the message limit");
            }
            Await.until("the closed socket to unsubscribe", Duration.ofSeconds(10), () -> fixture.broker.subscribers("events") == 0);
            assertEquals(200, fixture.send("GET", "/health", null).statusCode(), "the sidecar serves on");
        }
    }

    @Test
    void theRegistrySocketStreamsEvents() throws Exception {
        try (SidecarFixture fixture = new SidecarFixture(client, Map.of());
                TestSocket socket = new TestSocket(fixture.http, fixture.webSocket("/registry"))) {
            fixture.send("POST", "/registry", PY);
            String event = socket.next();
            while (!event.contains("micro.srv.greeter.py")) {
                event = socket.next(); // the sidecar's own registration may come first
            }
            assertTrue(event.contains("\"action\":\"create\""), event);
        }
    }

    @Test
    void statsCountTheRealStatusOfEachAnswerAndLetWebSocketsThrough() throws Exception {
        try (SidecarFixture fixture = new SidecarFixture(client, Map.of("enable_stats", true))) {
            assertEquals(200, fixture.send("GET", "/health", null).statusCode());
            assertEquals(404, fixture.send("GET", "/registry?service=micro.srv.none", null).statusCode());
            assertEquals(400, fixture.send("POST", "/registry", "not json").statusCode());
            try (TestSocket socket = new TestSocket(fixture.http, fixture.webSocket("/registry"))) {
                fixture.send("POST", "/registry", PY);
                assertTrue(socket.next().contains("\"action\""), "the upgrade still works behind the counter");
            }
            HttpResponse<String> stats = fixture.send("GET", "/stats", null);
            assertEquals(200, stats.statusCode());
            com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats.body());
            com.fasterxml.jackson.databind.JsonNode total = json.path("requests").path("total");
            assertEquals(2, total.path("4xx").asInt(), stats.body());
            assertTrue(total.path("2xx").asInt() >= 2, stats.body());
            assertEquals(1, total.path("1xx").asInt(), "the WebSocket upgrade: " + stats.body());
            assertTrue(json.path("uptime_seconds").isNumber() && json.path("memory").has("heap_used_bytes")
                    && json.path("threads").asInt() > 0 && json.path("gc").isArray(), stats.body());
            assertTrue(json.path("requests").path("buckets").size() >= 1, stats.body());
        }
        try (SidecarFixture off = new SidecarFixture(client, Map.of())) {
            assertEquals(404, off.send("GET", "/stats", null).statusCode(), "off by default: a path like any other");
        }
    }

    @Test
    void theSidecarRegistersItselfAndAnswersItsOwnHealthOverTheTransport() throws Exception {
        try (SidecarFixture fixture = new SidecarFixture(client, Map.of())) {
            Await.until("micro.sidecar registered", Duration.ofSeconds(10), () -> !fixture.registry.getService("micro.sidecar").isEmpty());
            HttpResponse<String> health = fixture.send("POST", "/", "{}", "Micro-Service", "micro.sidecar", "Micro-Endpoint",
                    "Debug.Health");
            assertEquals("{\"status\":\"ok\"}", health.body());
            fixture.sidecar.deactivate();
            assertTrue(fixture.registry.getService("micro.sidecar").isEmpty(), "deregistered when it stops");
        }
    }
}
