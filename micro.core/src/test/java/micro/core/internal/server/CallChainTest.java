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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.client.Client;
import micro.api.metadata.Metadata;
import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.api.transport.Message;
import micro.api.wrapper.CallRefusedException;
import micro.api.wrapper.CallWrapper;
import micro.api.wrapper.HandlerWrapper;
import micro.core.internal.client.DefaultClient;
import micro.core.internal.codec.Codecs;
import micro.core.internal.codec.JsonCodec;
import micro.core.internal.local.LocalNodes;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.selector.CachingSelector;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.Configs;
import micro.core.internal.testing.RecordingTransport;
import micro.core.internal.wrapper.RankedWrappers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An API service calling a backend service, each behind its own dispatcher: what travels from the
 * edge to the backend (metadata, the deadline) and the wrappers the calls go through.
 */
class CallChainTest {

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
    private final Map<String, RequestDispatcher> dispatchers = new java.util.HashMap<>();
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
        RequestDispatcher dispatcher = new RequestDispatcher(codecs, Duration.ZERO);
        ServedService service = new ServedService(name, "latest", new DebugHandler(System.currentTimeMillis()));
        service.addHandler(handlerName, handler);
        dispatcher.services().put(name, service);
        dispatchers.put(name, dispatcher);
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
        // Once, so that loading classes on a cold JVM does not eat the 200 ms before the API runs.
        callApi("Api.Hello", CallOptions.defaults());
        backend.seen.set(null);
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

    /** A handler wrapper that notes when it starts and ends. */
    private static HandlerWrapper noting(String name, List<String> log) {
        return (call, next) -> {
            log.add(name + " in " + call.service() + " " + call.endpoint() + " " + call.request());
            Object result = next.proceed();
            log.add(name + " out " + result);
            return result;
        };
    }

    private static Map<String, Object> ranked(int ranking, long id) {
        return Map.of("service.ranking", ranking, "service.id", id);
    }

    @Test
    void handlerWrappersRunInRankingOrderAroundTheHandler() {
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        RankedWrappers<HandlerWrapper> wrappers = dispatchers.get("backend").wrappers();
        wrappers.add(noting("low", log), ranked(5, 1));
        wrappers.add(noting("high", log), ranked(10, 2));
        wrappers.add(noting("unranked", log), Map.of("service.ranking", "99", "service.id", 3L)); // a String ranks 0
        client.call("backend", "Backend.Hello", new Hello("Ann"), Reply.class);
        assertEquals(List.of("high in backend Backend.Hello Hello[name=Ann]", "low in backend Backend.Hello Hello[name=Ann]",
                "unranked in backend Backend.Hello Hello[name=Ann]", "unranked out Reply[msg=Hello Ann]",
                "low out Reply[msg=Hello Ann]", "high out Reply[msg=Hello Ann]"), log);
    }

    @Test
    void aWrapperRefusesWithItsOwnErrorAndTheHandlerDoesNotRun() {
        HandlerWrapper limiter = (call, next) -> {
            throw new MicroException("micro.wrapper.ratelimit", 429, "too many calls to " + call.service());
        };
        dispatchers.get("backend").wrappers().add(limiter, ranked(0, 1));
        MicroException refused = assertThrows(MicroException.class,
                () -> client.call("backend", "Backend.Hello", new Hello("Ann"), Reply.class));
        assertEquals(429, refused.code());
        assertEquals("too many calls to backend", refused.detail());
        assertNull(backend.seen.get(), "the handler did not run");

        dispatchers.get("backend").wrappers().remove(limiter);
        assertEquals(new Reply("Hello Ann"), client.call("backend", "Backend.Hello", new Hello("Ann"), Reply.class),
                "gone with its service: calls pass again");
    }

    @Test
    void aCallWrapperSeesTheNodeAndCanAddMetadata() {
        List<String> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();
        CallWrapper tagging = (attempt, next) -> {
            nodes.add(attempt.service() + " " + attempt.endpoint() + " at " + attempt.node().address());
            Map<String, String> headers = new java.util.HashMap<>(attempt.request().headers());
            headers.put("X-Micro-Tagged", "yes");
            return next.proceed(new Message(headers, attempt.request().body()));
        };
        client.addCallWrapper(tagging, ranked(0, 1));
        client.call("backend", "Backend.Hello", new Hello("Ann"), Reply.class);
        assertEquals(List.of("backend Backend.Hello at backend:1"), nodes);
        assertEquals("yes", backend.seen.get().get("X-Micro-Tagged"));

        client.removeCallWrapper(tagging);
        client.call("backend", "Backend.Hello", new Hello("Bo"), Reply.class);
        assertNull(backend.seen.get().get("X-Micro-Tagged"), "gone: " + backend.seen.get());
    }

    @Test
    void aCallAWrapperRefusedIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        CallWrapper breaker = (attempt, next) -> {
            attempts.incrementAndGet();
            throw new CallRefusedException("micro.wrapper.breaker", 503, "circuit breaker backend is open");
        };
        client.addCallWrapper(breaker, ranked(0, 1));
        MicroException refused = assertThrows(MicroException.class, () -> client.call("backend", "Backend.Hello", new Hello("Ann"),
                Reply.class, CallOptions.defaults().withRetries(3)));
        assertEquals(503, refused.code());
        assertEquals(1, attempts.get(), "a 503 the policy would retry, but a refusal is final");
        assertNull(backend.seen.get());
    }

    @Test
    void aWrapperLeavingDoesNotChangeACallInFlight() throws Exception {
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        HandlerWrapper wrapper = noting("w", log);
        dispatchers.get("backend").wrappers().add(wrapper, ranked(0, 1));
        java.util.concurrent.CompletableFuture<Reply> inFlight = client.callAsync("backend", "Backend.Slow", new Hello("x"),
                Reply.class, CallOptions.defaults());
        Await.until("the slow call to be served", Duration.ofSeconds(10), () -> backend.seen.get() != null);
        dispatchers.get("backend").wrappers().remove(wrapper);
        backend.release.countDown();
        assertEquals(new Reply("late"), inFlight.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("w in backend Backend.Slow Hello[name=x]", "w out Reply[msg=late]"), log,
                "the call ran through the chain it started with");
    }
}
