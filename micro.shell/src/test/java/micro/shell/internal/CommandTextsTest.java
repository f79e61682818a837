package micro.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import micro.api.MicroException;
import micro.api.registry.Endpoint;
import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.api.registry.Value;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.testing.ScriptedClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandTextsTest {

    /** Answers every call with the endpoint and request it got, or fails for node 127.0.0.1:2 (down). */
    static ScriptedClient echoClient() {
        return new ScriptedClient().otherwise(call -> {
            if ("127.0.0.1:2".equals(call.options().address())) {
                return ScriptedClient.failure(new MicroException("micro.transport", 502, "connection refused"));
            }
            if (call.endpoint().equals("Debug.Health")) {
                return ScriptedClient.reply("{\"status\":\"ok\"}");
            }
            if (call.endpoint().equals("Debug.Stats")) {
                return ScriptedClient.reply("{\"started\":1700000000,\"uptime\":3723,\"memory\":15728640,\"threads\":21,"
                        + "\"gc\":42000000,\"extra\":1}");
            }
            return ScriptedClient.reply("{\"endpoint\":\"" + call.endpoint() + "\",\"request\":" + call.body() + "}");
        });
    }

    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofSeconds(1));
    private CommandTexts texts;

    @BeforeEach
    void setUp() {
        texts = new CommandTexts(registry, echoClient(), null);
        Endpoint hello = new Endpoint("Say.Hello", new Value("Request", "Request", List.of(Value.of("name", "string"),
                new Value("address", "Address", List.of(Value.of("city", "string"))))), null, Map.of("stream", "false"));
        registry.register(new Service("greeter", "1.0", Map.of(), List.of(hello), List.of(
                new Node("greeter-1", "127.0.0.1:1", Map.of("transport", "http")),
                new Node("greeter-2", "127.0.0.1:2", Map.of("transport", "http")))), Duration.ZERO);
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    @Test
    void listsServiceNamesSorted() {
        registry.register(new Service("alpha", "", Map.of(), List.of(), List.of(new Node("a-1", "h:1", Map.of()))), Duration.ZERO);
        assertEquals("alpha\ngreeter", texts.list("services").text());
    }

    @Test
    void getShowsNodesAndNestedSchemas() {
        String text = texts.get("service", "greeter").text();
        assertTrue(text.startsWith("service  greeter\n\nversion 1.0\n\nID\tAddress\tPort\tMetadata\n"
                + "greeter-1\t127.0.0.1\t1\ttransport=http\n"), text);
        assertTrue(text.contains("Endpoint: Say.Hello\nMetadata: stream=false\nRequest:\n{\n\tname string\n"
                + "\taddress Address {\n\t\tcity string\n\t}\n}\nResponse: {}\n"), text);
    }

    @Test
    void queryChecksTheJsonAndIndentsTheReply() {
        assertEquals("{\n\t\"endpoint\": \"Say.Hello\",\n\t\"request\": {\n\t\t\"name\": \"John\"\n\t}\n}",
                texts.query("greeter", "Say.Hello", "{\"name\": \"John\"}").text());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> texts.query("greeter", "Say.Hello", "{name"));
        assertTrue(error.getMessage().startsWith("the request is not valid JSON"), error.getMessage());
    }

    @Test
    void healthReportsEachNode() {
        micro.api.command.Answer answer = texts.health("greeter");
        String text = answer.text();
        assertTrue(text.contains("greeter-1\t\t127.0.0.1:1\t\tok"), text);
        assertEquals(List.of("VERSION", "NODE", "ADDRESS", "STATUS"), answer.table().columns());
        assertEquals(List.of("1.0", "greeter-1", "127.0.0.1:1", "ok"), answer.table().rows().get(0), "the same as a table row");
        assertTrue(text.contains("greeter-2\t\t127.0.0.1:2\t\terror 502: connection refused"), text);
    }

    @Test
    void statsShowsEachNodeAsMicroPrintedThem() {
        micro.api.command.Answer answer = texts.stats("greeter");
        assertEquals(List.of("VERSION", "NODE", "ADDRESS", "STARTED", "UPTIME", "MEMORY", "THREADS", "GC"), answer.table().columns());
        assertEquals(List.of("1.0", "greeter-1", "127.0.0.1:1", "2023-11-14T22:13:20Z", "1h2m3s", "15.0 MiB", "21", "42 ms"),
                answer.table().rows().get(0));
        assertTrue(answer.text().contains("greeter-1\t\t127.0.0.1:1\t\t2023-11-14T22:13:20Z\t1h2m3s\t15.0 MiB\t21\t42 ms"),
                answer.text());
        assertTrue(answer.text().contains("greeter-2\t\t127.0.0.1:2\t\terror 502: connection refused"), answer.text());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> json = (List<Map<String, Object>>) answer.json();
        assertEquals(new NodeStats(1700000000, 3723, 15728640, 21, 42000000), json.get(0).get("stats"));
        assertEquals("error 502: connection refused", json.get(1).get("error"), "a node that does not answer says why");
    }

    @Test
    void misuseAndUnknownNamesAreExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> texts.list("nodes")).getMessage()
                .contains("list cannot list 'nodes', only services"));
        MicroException unknown = assertThrows(MicroException.class, () -> texts.get("service", "nobody"));
        assertEquals(404, unknown.code());
        assertTrue(unknown.detail().contains("nobody"));
    }
}
