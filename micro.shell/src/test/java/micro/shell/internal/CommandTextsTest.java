package micro.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.client.Client;
import micro.api.registry.Endpoint;
import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.api.registry.Value;
import micro.api.transport.Message;
import micro.core.internal.registry.MemoryRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandTextsTest {

    /** Answers every call with the service, endpoint and request it got, or fails for node "down". */
    static final class EchoClient implements Client {
        @Override
        public <T> CompletableFuture<T> callAsync(String service, String endpoint, Object request, Type type, CallOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public micro.api.transport.Stream stream(String service, String endpoint, Message request, CallOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void publish(String topic, Object message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Message> invoke(String service, String endpoint, Message request, CallOptions options) {
            if ("127.0.0.1:2".equals(options.address())) {
                return CompletableFuture.failedFuture(new MicroException("micro.transport", 502, "connection refused"));
            }
            if (endpoint.equals("Debug.Health")) {
                return CompletableFuture.completedFuture(new Message(Map.of(), "{\"status\":\"ok\"}".getBytes()));
            }
            String body = "{\"endpoint\":\"" + endpoint + "\",\"request\":" + new String(request.body(), StandardCharsets.UTF_8) + "}";
            return CompletableFuture.completedFuture(new Message(Map.of(), body.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofSeconds(1));
    private CommandTexts texts;

    @BeforeEach
    void setUp() {
        texts = new CommandTexts(registry, new EchoClient(), null);
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
        assertEquals("alpha\ngreeter", texts.list("services"));
    }

    @Test
    void getShowsNodesAndNestedSchemas() {
        String text = texts.get("service", "greeter");
        assertTrue(text.startsWith("service  greeter\n\nversion 1.0\n\nID\tAddress\tPort\tMetadata\n"
                + "greeter-1\t127.0.0.1\t1\ttransport=http\n"), text);
        assertTrue(text.contains("Endpoint: Say.Hello\nMetadata: stream=false\nRequest:\n{\n\tname string\n"
                + "\taddress Address {\n\t\tcity string\n\t}\n}\nResponse: {}\n"), text);
    }

    @Test
    void queryChecksTheJsonAndIndentsTheReply() {
        assertEquals("{\n\t\"endpoint\": \"Say.Hello\",\n\t\"request\": {\n\t\t\"name\": \"John\"\n\t}\n}",
                texts.query("greeter", "Say.Hello", "{\"name\": \"John\"}"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> texts.query("greeter", "Say.Hello", "{name"));
        assertTrue(error.getMessage().startsWith("the request is not valid JSON"), error.getMessage());
    }

    @Test
    void healthReportsEachNode() {
        String text = texts.health("greeter");
        assertTrue(text.contains("greeter-1\t\t127.0.0.1:1\t\tok"), text);
        assertTrue(text.contains("greeter-2\t\t127.0.0.1:2\t\terror 502: connection refused"), text);
    }

    @Test
    void misuseAndUnknownNamesAreExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> texts.list("nodes")).getMessage()
                .contains("micro:list services"));
        MicroException unknown = assertThrows(MicroException.class, () -> texts.get("service", "nobody"));
        assertEquals(404, unknown.code());
        assertTrue(unknown.detail().contains("nobody"));
    }
}
