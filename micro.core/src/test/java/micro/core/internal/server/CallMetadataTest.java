package micro.core.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.client.Client;
import micro.api.metadata.Metadata;
import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.api.transport.Message;
import micro.core.internal.client.DefaultClient;
import micro.core.internal.codec.Codecs;
import micro.core.internal.codec.JsonCodec;
import micro.core.internal.local.LocalNodes;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.selector.CachingSelector;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.Configs;
import micro.core.internal.testing.RecordingTransport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An API service calling a backend service, each behind its own dispatcher: what travels from the edge to the backend. */
class CallMetadataTest {

    public record Hello(String name) {
    }

    public record Reply(String msg) {
    }

    /** The backend: records what the call it serves carries. */
    public static final class Backend {
        final AtomicReference<Metadata> seen = new AtomicReference<>();
        final CountDownLatch release = new CountDownLatch(1);

        public Reply hello(Hello request) {
            seen.set(Metadata.current());
            return new Reply("Hello " + request.name());
        }

        public Reply slow(Hello request) throws InterruptedException {
            seen.set(Metadata.current());
            release.await(10, TimeUnit.SECONDS);
            return new Reply("late");
        }
    }

    /** The API: calls the backend by name, as the greeter's API does. */
    public static final class Api {
        private final Client client;

        Api(Client client) {
            this.client = client;
        }

        public Reply hello(Hello request) {
            return client.call("backend", "Backend.Hello", request, Reply.class);
        }

        public Reply slow(Hello request) {
            return client.call("backend", "Backend.Slow", request, Reply.class);
        }
    }

    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofMillis(20));
    private final RecordingTransport transport = new RecordingTransport();
    private final CachingSelector selector = new CachingSelector("roundrobin", Duration.ofSeconds(30));
    private final Backend backend = new Backend();
    private DefaultClient client;

    @BeforeEach
    void setUp() {
        selector.setRegistry(registry, Map.of());
        client = new DefaultClient(Configs.of(DefaultClient.Config.class, Map.of("retries", 0)), selector, new LocalNodes());
        client.addTransport(transport);
        client.addCodec(new JsonCodec());
        serve("backend", "backend:1", "Backend", backend);
        serve("api", "api:1", "Api", new Api(client));
    }

    @AfterEach
    void tearDown() {
        backend.release.countDown();
        selector.deactivate();
        registry.close();
    }

    private void serve(String name, String address, String handlerName, Object handler) {
        Codecs codecs = new Codecs();
        codecs.add(new JsonCodec());
        RequestDispatcher dispatcher = new RequestDispatcher(codecs);
        ServedService service = new ServedService(name, "latest", new DebugHandler(System.currentTimeMillis()));
        service.addHandler(handlerName, handler);
        dispatcher.services().put(name, service);
        transport.listen(address, dispatcher);
        registry.register(new Service(name, "latest", Map.of(), List.of(),
                List.of(new Node(name + "-1", address, Map.of("transport", "memory")))), Duration.ZERO);
    }

    private Message callApi(String endpoint, CallOptions options, String... headers) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(Message.CONTENT_TYPE, "application/json"));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            values.put(headers[i], headers[i + 1]);
        }
        return CallOptions.join(client.invoke("api", endpoint, new Message(values,
                "{\"name\":\"John\"}".getBytes(StandardCharsets.UTF_8)), options));
    }

    @Test
    void metadataOfTheEdgeReachTheBackendWithTheServiceThatCalled() {
        Message reply = callApi("Api.Hello", CallOptions.defaults(), "X-Micro-Trace", "t-1", "Micro-Tenant", "acme",
                "User-Agent", "curl");
        assertEquals("{\"msg\":\"Hello John\"}", new String(reply.body(), StandardCharsets.UTF_8));
        Metadata seen = backend.seen.get();
        assertEquals("t-1", seen.get("x-micro-trace"), "names compare case-insensitively: " + seen);
        assertEquals("acme", seen.get("Micro-Tenant"));
        assertEquals("api", seen.get(Metadata.FROM_SERVICE), "the service that called");
        assertNull(seen.get("User-Agent"), "only Micro- and X-Micro- headers are metadata");
        assertFalse(seen.values().containsKey(Message.SERVICE), "routing headers are not metadata");
        assertEquals("backend", seen.servedService());
        assertTrue(seen.remaining().isPresent(), "the caller's deadline came along");
        assertTrue(Metadata.current().values().isEmpty(), "nothing stays bound to the caller's thread");
    }

    @Test
    void theEdgesDeadlineEndsTheInnerCallByThen() {
        MicroException timedOut = assertThrows(MicroException.class,
                () -> callApi("Api.Slow", CallOptions.defaults().withTimeout(Duration.ofMillis(200))));
        // The inner call gave up by the edge's deadline: the backend is still held, it has not answered.
        assertEquals(1, backend.release.getCount(), "the backend has not answered yet");
        assertEquals(408, timedOut.code(), timedOut.detail());
        Await.until("the backend to have been called", Duration.ofSeconds(10), () -> backend.seen.get() != null);
        Duration budget = backend.seen.get().remaining().orElseThrow();
        assertTrue(budget.compareTo(Duration.ofMillis(200)) <= 0, "the backend's budget is within the edge's: " + budget);
    }

    @Test
    void aRequestWhoseCallerStoppedWaitingIsNotRun() {
        Message late = new Message(Map.of(Message.SERVICE, "backend", Message.ENDPOINT, "Backend.Hello",
                Message.CONTENT_TYPE, "application/json", Metadata.TIMEOUT, "0"), "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        MicroException refused = assertThrows(MicroException.class,
                () -> CallOptions.join(transport.call("backend:1", late, Duration.ofSeconds(5))));
        assertEquals(408, refused.code(), refused.detail());
        assertNull(backend.seen.get(), "the handler did not run");
    }

    @Test
    void aHandlerAddsMetadataForTheCallsItMakes() {
        Metadata.empty().with("X-Micro-Trace", "from-a-test").run(() -> client.call("backend", "Backend.Hello",
                new Hello("Ann"), Reply.class));
        assertEquals("from-a-test", backend.seen.get().get("X-Micro-Trace"));
        assertNull(backend.seen.get().get(Metadata.FROM_SERVICE), "not called while serving a service");
        assertThrows(IllegalArgumentException.class, () -> Metadata.empty().with(Message.SERVICE, "x"));
    }
}
