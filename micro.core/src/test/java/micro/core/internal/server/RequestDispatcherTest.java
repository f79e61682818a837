package micro.core.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import micro.api.MicroException;
import micro.api.registry.Endpoint;
import micro.api.registry.Service;
import micro.api.registry.Value;
import micro.api.server.StreamReceiver;
import micro.api.server.StreamSender;
import micro.api.transport.Message;
import micro.api.transport.Stream;
import micro.core.internal.codec.Codecs;
import micro.core.internal.codec.JsonCodec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestDispatcherTest {

    public record HelloRequest(String name) {
    }

    public record HelloResponse(String msg) {
    }

    public static class Say {
        public HelloResponse hello(HelloRequest request) {
            return new HelloResponse("Hello " + request.name());
        }

        public CompletionStage<HelloResponse> later(HelloRequest request) {
            return CompletableFuture.supplyAsync(() -> new HelloResponse("Later " + request.name()));
        }

        public HelloResponse fail(HelloRequest request) {
            throw new IllegalStateException("greeter is out of words");
        }

        public HelloResponse refuse(HelloRequest request) {
            throw MicroException.badRequest("greeter", "name is required");
        }

        public void count(HelloRequest request, StreamSender<HelloResponse> out) {
            for (int i = 1; i <= 3; i++) {
                out.send(new HelloResponse(request.name() + " " + i));
            }
        }

        public void echo(StreamReceiver<HelloRequest> in, StreamSender<HelloResponse> out) {
            for (HelloRequest next; (next = in.receive()) != null;) {
                out.send(new HelloResponse("echo " + next.name()));
            }
        }
    }

    /** One end of a stream held in memory: what the handler sent, and what it will receive. */
    static final class RecordingStream implements Stream {
        final List<String> sent = new java.util.ArrayList<>();
        final java.util.Deque<String> toReceive = new java.util.ArrayDeque<>();

        @Override
        public void send(Message message) {
            sent.add(new String(message.body(), StandardCharsets.UTF_8));
        }

        @Override
        public Message receive(java.time.Duration timeout) {
            String next = toReceive.poll();
            return next == null ? null : new Message(Map.of(), next.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
        }

        @Override
        public void fail(MicroException error) {
        }
    }

    private static Message opening(String endpoint, String json) {
        return new Message(Map.of(Message.SERVICE, "greeter", Message.ENDPOINT, endpoint, Message.CONTENT_TYPE,
                "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void streamsRepliesToOneRequest() {
        RecordingStream stream = new RecordingStream();
        dispatcher.serve(opening("Say.Count", "{\"name\":\"John\"}"), stream);
        assertEquals(List.of("{\"msg\":\"John 1\"}", "{\"msg\":\"John 2\"}", "{\"msg\":\"John 3\"}"), stream.sent);
    }

    @Test
    void streamsBothWaysStartingWithTheOpeningMessage() {
        RecordingStream stream = new RecordingStream();
        stream.toReceive.add("{\"name\":\"b\"}");
        dispatcher.serve(opening("Say.Echo", "{\"name\":\"a\"}"), stream);
        assertEquals(List.of("{\"msg\":\"echo a\"}", "{\"msg\":\"echo b\"}"), stream.sent);
    }

    @Test
    void streamingEndpointsAreDescribedAndRefuseUnaryCalls() {
        Endpoint count = greeter.describe(greeter.nodeId(), "h:1", Map.of()).endpoints().stream().filter(e -> e.name().equals("Say.Count"))
                .findFirst().orElseThrow();
        assertEquals(Map.of("stream", "true"), count.metadata());
        assertEquals("HelloResponse", count.response().type());
        MicroException unary = assertThrows(MicroException.class, () -> call("greeter", "Say.Count", "{}"));
        assertEquals(400, unary.code());
        assertTrue(unary.detail().contains("streaming endpoint"), unary.detail());
        assertEquals(404, assertThrows(MicroException.class,
                () -> dispatcher.serve(opening("Say.Hello", "{}"), new RecordingStream())).code());
    }

    private RequestDispatcher dispatcher;
    private ServedService greeter;

    @BeforeEach
    void setUp() {
        Codecs codecs = new Codecs();
        codecs.add(new JsonCodec());
        dispatcher = new RequestDispatcher(codecs, java.time.Duration.ZERO);
        greeter = new ServedService("greeter", "latest", new DebugHandler(System.currentTimeMillis()));
        greeter.addHandler("Say", new Say());
        dispatcher.services().put("greeter", greeter);
    }

    private String call(String service, String endpoint, String json) {
        Message reply = dispatcher.handle(new Message(Map.of(Message.SERVICE, service, Message.ENDPOINT, endpoint,
                Message.CONTENT_TYPE, "application/json"), json.getBytes(StandardCharsets.UTF_8)));
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    @Test
    void callsTheMethodNamedByTheEndpoint() {
        assertEquals("{\"msg\":\"Hello John\"}", call("greeter", "Say.Hello", "{\"name\":\"John\"}"));
        assertEquals("{\"msg\":\"Later Ann\"}", call("greeter", "Say.Later", "{\"name\":\"Ann\"}"));
    }

    @Test
    void everyServiceAnswersDebugHealthAndStats() {
        assertEquals("{\"status\":\"ok\"}", call("greeter", "Debug.Health", ""));
        String stats = call("greeter", "Debug.Stats", "{}");
        for (String field : List.of("started", "uptime", "memory", "threads", "gc")) {
            assertTrue(stats.contains("\"" + field + "\":"), stats);
        }
    }

    @Test
    void aHandlerThatThrowsIsA500WithItsMessage() {
        MicroException error = assertThrows(MicroException.class, () -> call("greeter", "Say.Fail", "{}"));
        assertEquals(500, error.code());
        assertEquals("greeter is out of words", error.detail());
        assertEquals("{\"msg\":\"Hello again\"}", call("greeter", "Say.Hello", "{\"name\":\"again\"}"),
                "the server keeps serving");
    }

    @Test
    void aMicroExceptionFromTheHandlerKeepsItsCode() {
        assertEquals(400, assertThrows(MicroException.class, () -> call("greeter", "Say.Refuse", "{}")).code());
    }

    @Test
    void anEndpointUnknownMomentsAfterAHandlerCameIsOnTheWayNotMissing() {
        Codecs codecs = new Codecs();
        codecs.add(new JsonCodec());
        RequestDispatcher starting = new RequestDispatcher(codecs, java.time.Duration.ofMinutes(1));
        ServedService api = new ServedService("api", "latest", new DebugHandler(System.currentTimeMillis()));
        api.addHandler("Http", new Say()); // the first of the bundle's components; Say.* is still on its way
        starting.services().put("api", api);
        MicroException early = assertThrows(MicroException.class, () -> starting.handle(new Message(Map.of(Message.SERVICE,
                "api", Message.ENDPOINT, "Say.Hello", Message.CONTENT_TYPE, "application/json"), "{}".getBytes(StandardCharsets.UTF_8))));
        assertTrue(early instanceof micro.api.transport.NotServedHereException, "a 503 the client retries: " + early);
        assertEquals(503, early.code());
        assertTrue(early.detail().contains("starting here") && early.detail().contains("Http.Hello"), early.detail());
    }

    @Test
    void anUnknownEndpointIsA404ListingTheKnownOnes() {
        MicroException error = assertThrows(MicroException.class, () -> call("greeter", "Say.Goodbye", "{}"));
        assertEquals(404, error.code());
        assertTrue(error.detail().contains("Say.Goodbye"), error.detail());
        assertTrue(error.detail().contains("Debug.Health, Debug.Stats, Say.Count, Say.Echo, Say.Fail, Say.Hello"), error.detail());
    }

    @Test
    void aServiceNotServedHereIsA503NamingIt() {
        // The registry sent the caller here: the service is known, its handler is gone for a moment.
        MicroException error = assertThrows(micro.api.transport.NotServedHereException.class,
                () -> call("nobody", "Say.Hello", "{}"));
        assertEquals(503, error.code());
        assertTrue(error.detail().contains("nobody"), error.detail());
    }

    @Test
    void anEndpointOfAWithdrawnServiceIsAwayForAMomentNotUnknown() {
        greeter.withdraw(); // its handlers are leaving: a bundle update
        MicroException error = assertThrows(micro.api.transport.NotServedHereException.class,
                () -> call("greeter", "Say.Goodbye", "{}"));
        assertEquals(503, error.code());
        greeter.restore();
        assertEquals(404, assertThrows(MicroException.class, () -> call("greeter", "Say.Goodbye", "{}")).code());
    }

    @Test
    void malformedJsonIsA400() {
        MicroException error = assertThrows(MicroException.class, () -> call("greeter", "Say.Hello", "{name"));
        assertEquals(400, error.code());
        assertTrue(error.detail().startsWith("malformed JSON"), error.detail());
    }

    @Test
    void describesEndpointsWithSchemasDerivedFromTheJavaTypes() {
        Service described = greeter.describe(greeter.nodeId(), "127.0.0.1:9", Map.of("transport", "http"));
        Endpoint hello = described.endpoints().stream().filter(e -> e.name().equals("Say.Hello")).findFirst().orElseThrow();
        assertEquals(new Value("HelloRequest", "HelloRequest", List.of(Value.of("name", "string"))), hello.request());
        assertEquals(new Value("HelloResponse", "HelloResponse", List.of(Value.of("msg", "string"))), hello.response());
        Endpoint later = described.endpoints().stream().filter(e -> e.name().equals("Say.Later")).findFirst().orElseThrow();
        assertEquals("HelloResponse", later.response().type(), "the schema of an async reply is its value's");
        assertEquals("127.0.0.1:9", described.nodes().get(0).address());
        assertTrue(described.nodes().get(0).id().startsWith("greeter-"));
    }
}
