package micro.core.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.client.RetryPolicy;
import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.api.transport.Message;
import micro.core.internal.codec.JsonCodec;
import micro.core.internal.local.LocalNodes;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.selector.CachingSelector;
import micro.core.internal.testing.RecordingTransport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DefaultClientTest {

    public record Hello(String name) {
    }

    public record Reply(String msg) {
    }

    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofMillis(20));
    private final RecordingTransport transport = new RecordingTransport();
    private final JsonCodec codec = new JsonCodec();
    private final CachingSelector selector = new CachingSelector("roundrobin", Duration.ofSeconds(30));
    private final LocalNodes localNodes = new LocalNodes();
    private DefaultClient client;

    @BeforeEach
    void setUp() {
        selector.setRegistry(registry, Map.of());
        client = new DefaultClient(new ClientSettings(Duration.ofSeconds(5), 1, Duration.ofMillis(10), "application/json",
                RetryPolicy.Named.SERVER_ERRORS), selector, localNodes);
        client.addTransport(transport);
        client.addCodec(codec);
    }

    @AfterEach
    void tearDown() {
        selector.deactivate();
        registry.close();
    }

    private void register(String service, String... addresses) {
        List<Node> nodes = java.util.Arrays.stream(addresses)
                .map(address -> new Node(service + "@" + address, address, Map.of("transport", "memory"))).toList();
        registry.register(new Service(service, "latest", Map.of(), List.of(), nodes), Duration.ZERO);
    }

    private void serveGreeter(String address) {
        transport.listen(address, request -> {
            Hello hello = codec.decode(request.body(), Hello.class);
            return new Message(Map.of("Content-Type", "application/json"), codec.encode(new Reply("Hello " + hello.name())));
        });
    }

    private void serveVersion(String version, String address, Map<String, String> labels, String... endpoints) {
        transport.listen(address, request -> new Message(Map.of("Content-Type", "application/json"),
                codec.encode(new Reply(version + "@" + address))));
        Map<String, String> metadata = new java.util.HashMap<>(labels);
        metadata.put("transport", "memory");
        List<micro.api.registry.Endpoint> described = java.util.Arrays.stream(endpoints)
                .map(name -> new micro.api.registry.Endpoint(name, null, null, Map.of())).toList();
        registry.register(new Service("greeter", version, Map.of(), described,
                List.of(new Node("greeter-" + version, address, metadata))), Duration.ZERO);
    }

    @Test
    void callsArePinnedToAVersionALabelOrAnEndpoint() {
        serveVersion("1.0", "v1:1", Map.of("zone", "eu"), "Say.Hello");
        serveVersion("2.0", "v2:1", Map.of("zone", "us"), "Say.Hello", "Say.Goodbye");
        for (int i = 0; i < 10; i++) {
            assertEquals(new Reply("1.0@v1:1"), client.call("greeter", "Say.Hello", new Hello("a"), Reply.class,
                    CallOptions.defaults().withVersion("1.0")));
            assertEquals(new Reply("2.0@v2:1"), client.call("greeter", "Say.Hello", new Hello("a"), Reply.class,
                    CallOptions.defaults().withVersion("2.0")));
            assertEquals(new Reply("2.0@v2:1"), client.call("greeter", "Say.Hello", new Hello("a"), Reply.class,
                    CallOptions.defaults().withNodeFilter(micro.api.selector.Filters.label("zone", "us"))));
            assertEquals(new Reply("2.0@v2:1"), client.call("greeter", "Say.Goodbye", new Hello("a"), Reply.class,
                    CallOptions.defaults().withVersionFilter(micro.api.selector.Filters.endpoint("Say.Goodbye"))));
        }
        java.util.Set<Reply> unpinned = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            unpinned.add(client.call("greeter", "Say.Hello", new Hello("a"), Reply.class));
        }
        assertEquals(2, unpinned.size(), "without a filter both versions serve: " + unpinned);

        MicroException none = assertThrows(MicroException.class, () -> client.call("greeter", "Say.Hello", new Hello("a"),
                Reply.class, CallOptions.defaults().withVersion("3.0")));
        assertEquals(503, none.code());
        assertTrue(none.detail().contains("version 3.0"), none.detail());
        MicroException both = assertThrows(MicroException.class, () -> client.call("greeter", "Say.Hello", new Hello("a"),
                Reply.class, CallOptions.defaults().withVersion("1.0").withNodeFilter(micro.api.selector.Filters.label("zone", "us"))));
        assertTrue(both.detail().contains("zone=us"), both.detail());
    }

    @Test
    void callsAServiceByName() {
        serveGreeter("up:1");
        register("greeter", "up:1");
        assertEquals(new Reply("Hello John"), client.call("greeter", "Say.Hello", new Hello("John"), Reply.class));
    }

    @Test
    void retriesOntoASecondNodeWhenTheFirstIsDown() {
        serveGreeter("up:2");
        register("greeter", "down:1", "up:2"); // round robin starts with the node that is down

        assertEquals(new Reply("Hello Ann"), client.call("greeter", "Say.Hello", new Hello("Ann"), Reply.class));
        assertEquals(List.of("down:1", "up:2"), transport.calledAddresses);
    }

    @Test
    void aRetryFindsTheNodeBackAtItsNewAddress() {
        serveGreeter("new:2");
        Node old = new Node("mover", "old:1", Map.of("transport", "memory"));
        registry.register(new Service("mover", "latest", Map.of(), List.of(), List.of(old)), Duration.ZERO);
        // The node's transport restarts: the call to the old port fails, and by then it has registered
        // at its new port (the listener waits until this client's selector has seen it).
        client.addTransport(new RestartingTransport(transport, "old:1", () -> {
            registry.deregister(new Service("mover", "latest", Map.of(), List.of(), List.of(old)));
            registry.register(new Service("mover", "latest", Map.of(), List.of(), List.of(new Node("mover", "new:2",
                    Map.of("transport", "memory")))), Duration.ZERO);
            micro.core.internal.testing.Await.until("the selector to see the new address", Duration.ofSeconds(5), () -> {
                try {
                    return selector.select("mover", null).next().address().equals("new:2");
                } catch (MicroException e) {
                    return false;
                }
            });
        }));
        assertEquals(new Reply("Hello Ann"), client.call("mover", "Say.Hello", new Hello("Ann"), Reply.class));
    }

    /** Fails the first call to {@code restarting} after running {@code restart}, as a transport restart would. */
    private static final class RestartingTransport implements micro.api.transport.Transport {
        private final RecordingTransport delegate;
        private final String restarting;
        private final Runnable restart;

        RestartingTransport(RecordingTransport delegate, String restarting, Runnable restart) {
            this.delegate = delegate;
            this.restarting = restarting;
            this.restart = restart;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public micro.api.transport.Listener listen(String address, micro.api.transport.TransportHandler handler) {
            return delegate.listen(address, handler);
        }

        @Override
        public java.util.concurrent.CompletableFuture<Message> call(String address, Message request, Duration timeout) {
            if (address.equals(restarting)) {
                restart.run();
            }
            return delegate.call(address, request, timeout);
        }
    }

    @Test
    void anUnreachableNodeCostsNoAttemptAndAMissingTransportIsWaitedForWithinTheDeadline() throws Exception {
        DefaultClient noRetries = new DefaultClient(new ClientSettings(Duration.ofSeconds(5), 0, Duration.ofMillis(10),
                "application/json", RetryPolicy.Named.SERVER_ERRORS), selector, localNodes);
        noRetries.addCodec(codec);
        noRetries.addTransport(transport);
        serveGreeter("up:2");
        register("greeter", "down:1", "up:2"); // round robin starts with the node that is down
        assertEquals(new Reply("Hello Ann"), noRetries.call("greeter", "Say.Hello", new Hello("Ann"), Reply.class),
                "the request never reached down:1: going on to up:2 is no retry");

        DefaultClient waiting = new DefaultClient(new ClientSettings(Duration.ofSeconds(5), 0, Duration.ofMillis(10),
                "application/json", RetryPolicy.Named.SERVER_ERRORS), selector, localNodes);
        waiting.addCodec(codec);
        java.util.concurrent.CompletableFuture<Reply> reply = waiting.callAsync("greeter", "Say.Hello", new Hello("Bo"), Reply.class,
                CallOptions.defaults());
        waiting.addTransport(transport); // the transport comes back while the call waits for it
        assertEquals(new Reply("Hello Bo"), reply.get(10, java.util.concurrent.TimeUnit.SECONDS));
    }

    /** A transport swap seen from a client that lost the old transport first: the node moves, the call follows. */
    @Test
    void aNodeOnATransportNotHereIsLookedUpAgainUntilItMovesToOneThatIs() throws Exception {
        serveGreeter("moved:2");
        registry.register(new Service("greeter", "latest", Map.of(), List.of(), List.of(new Node("greeter-1", "micro.node.a",
                Map.of("transport", "nats")))), Duration.ZERO);
        java.util.concurrent.CompletableFuture<Reply> reply = client.callAsync("greeter", "Say.Hello", new Hello("Cy"), Reply.class,
                CallOptions.defaults());
        // the same node registers again, now over a transport this client has
        registry.register(new Service("greeter", "latest", Map.of(), List.of(), List.of(new Node("greeter-1", "moved:2",
                Map.of("transport", "memory")))), Duration.ZERO);
        assertEquals(new Reply("Hello Cy"), reply.get(10, java.util.concurrent.TimeUnit.SECONDS));
    }

    /**
     * A host served over two transports registers a node per transport; a client with only one of
     * them calls that node every time, at once, and never waits on the other.
     */
    @Test
    void aServiceOverTwoTransportsIsCalledOverTheOneInstalledHere() {
        // A gap wait as long as the deadline: a call that waited on the NATS node would fail (503).
        DefaultClient noRetries = new DefaultClient(new ClientSettings(Duration.ofSeconds(1), 0, Duration.ofSeconds(10),
                "application/json", RetryPolicy.Named.SERVER_ERRORS), selector, localNodes);
        noRetries.addCodec(codec);
        noRetries.addTransport(transport);
        serveGreeter("both:1");
        registry.register(new Service("greeter", "latest", Map.of(), List.of(), List.of(
                new Node("greeter-1-nats", "micro.node.b", Map.of("transport", "nats")),
                new Node("greeter-1", "both:1", Map.of("transport", "memory")))), Duration.ZERO);
        for (int i = 0; i < 6; i++) { // round robin: half of the calls start at the NATS node
            assertEquals(new Reply("Hello Di"), noRetries.call("greeter", "Say.Hello", new Hello("Di"), Reply.class));
        }
        assertEquals(List.of("both:1"), transport.calledAddresses.stream().distinct().toList());
    }

    @Test
    void honoursItsTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        transport.listen("slow:1", request -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Message(Map.of(), new byte[0]);
        });
        register("slow", "slow:1");
        long start = System.nanoTime();
        MicroException error = assertThrows(MicroException.class, () -> client.call("slow", "Any.Thing", Map.of(),
                Reply.class, CallOptions.defaults().withTimeout(Duration.ofMillis(200))));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        release.countDown();
        assertEquals(408, error.code());
        assertTrue(error.detail().contains("slow") && error.detail().contains("200 ms"), error.detail());
        assertTrue(elapsedMillis < 3000, "returned after " + elapsedMillis + " ms");
    }

    @Test
    void reportsUnknownServicesAs404() {
        MicroException error = assertThrows(MicroException.class,
                () -> client.call("nobody", "Say.Hello", new Hello("x"), Reply.class));
        assertEquals(404, error.code());
        assertTrue(error.detail().contains("nobody"), error.detail());
    }

    @Test
    void reports503WhenNoNodeIsLeft() {
        register("greeter", "down:1");
        MicroException first = assertThrows(MicroException.class,
                () -> client.call("greeter", "Say.Hello", new Hello("x"), Reply.class));
        assertEquals(502, first.code(), "the only node refused the connection");
        MicroException second = assertThrows(MicroException.class,
                () -> client.call("greeter", "Say.Hello", new Hello("x"), Reply.class));
        assertEquals(503, second.code(), "the failed node is blacklisted: " + second.detail());
    }

    @Test
    void doesNotRetryClientErrors() {
        AtomicInteger calls = new AtomicInteger();
        transport.listen("bad:1", request -> {
            calls.incrementAndGet();
            throw MicroException.badRequest("greeter", "name is required");
        });
        register("greeter", "bad:1");
        MicroException error = assertThrows(MicroException.class,
                () -> client.call("greeter", "Say.Hello", new Hello(""), Reply.class));
        assertEquals(400, error.code());
        assertEquals(1, calls.get());
    }

    @Test
    void retriesServerErrorsOnce() {
        AtomicInteger calls = new AtomicInteger();
        transport.listen("flaky:1", request -> {
            if (calls.incrementAndGet() == 1) {
                throw MicroException.internal("greeter", "hiccup");
            }
            return new Message(Map.of(), codec.encode(new Reply("ok")));
        });
        register("greeter", "flaky:1");
        assertEquals(new Reply("ok"), client.call("greeter", "Say.Hello", new Hello("x"), Reply.class));
        assertEquals(2, calls.get());
    }

    @Test
    void theRetryPolicyDecidesWhichErrorRepliesAreTriedAgain() {
        AtomicInteger calls = new AtomicInteger();
        transport.listen("slow:1", request -> {
            calls.incrementAndGet();
            throw new MicroException("greeter", 408, "the database did not answer in time");
        });
        register("greeter", "slow:1");

        MicroException byDefault = assertThrows(MicroException.class,
                () -> client.call("greeter", "Say.Hello", new Hello("x"), Reply.class));
        assertEquals(408, byDefault.code());
        assertEquals("greeter", byDefault.id(), "the service's own timeout, not the client's deadline");
        assertEquals(1, calls.get(), "server_errors: a service that timed out gets no second helping");

        CallOptions likeGoMicro = CallOptions.defaults().withRetryPolicy(RetryPolicy.named("server_errors_and_timeouts"));
        assertThrows(MicroException.class, () -> CallOptions.join(
                client.callAsync("greeter", "Say.Hello", new Hello("x"), Reply.class, likeGoMicro)));
        assertEquals(3, calls.get(), "go-micro v1's policy retries the 408 once");

        transport.listen("flaky:2", request -> {
            calls.incrementAndGet();
            throw MicroException.internal("greeter", "hiccup");
        });
        register("flaky", "flaky:2");
        calls.set(0);
        assertThrows(MicroException.class, () -> CallOptions.join(client.callAsync("flaky", "Say.Hello", new Hello("x"),
                Reply.class, CallOptions.defaults().withRetryPolicy(RetryPolicy.Named.NEVER))));
        assertEquals(1, calls.get(), "never: one attempt");
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.named("sometimes"));
    }

    @Test
    void aNodeWhoseHandlersAreAwayForAMomentIsAskedAgainAtNoCostOfARetry() {
        AtomicInteger calls = new AtomicInteger();
        transport.listen("updating:1", request -> {
            if (calls.incrementAndGet() <= 3) {
                throw new micro.api.transport.NotServedHereException("greeter is restarting here");
            }
            return new Message(Map.of(), codec.encode(new Reply("back")));
        });
        register("updating", "updating:1");
        DefaultClient noRetries = new DefaultClient(new ClientSettings(Duration.ofSeconds(5), 0, Duration.ofMillis(10),
                "application/json", RetryPolicy.Named.SERVER_ERRORS), selector, localNodes);
        noRetries.addCodec(codec);
        noRetries.addTransport(transport);
        assertEquals(new Reply("back"), noRetries.call("updating", "Say.Hello", new Hello("x"), Reply.class),
                "three gaps, no retry allowed, and still answered");
        assertEquals(4, calls.get());
    }

    @Test
    void callsNodesOfThisHostWithoutTheTransport() {
        localNodes.add("here:1", request -> {
            Hello hello = codec.decode(request.body(), Hello.class);
            return new Message(Map.of("Content-Type", "application/json"), codec.encode(new Reply("Hi " + hello.name()
                    + " via " + request.header(Message.ENDPOINT))));
        });
        register("greeter", "here:1");
        assertEquals(new Reply("Hi Ann via Say.Hello"), client.call("greeter", "Say.Hello", new Hello("Ann"), Reply.class));
        assertEquals(List.of(), transport.calledAddresses, "the transport was not used");
    }

    @Test
    void localCallsFailLikeRemoteOnesAndGoBackToTheTransportOnceTheNodeLeaves() {
        AtomicInteger calls = new AtomicInteger();
        micro.api.transport.TransportHandler broken = request -> {
            calls.incrementAndGet();
            throw new IllegalStateException("out of words");
        };
        localNodes.add("here:2", broken);
        register("greeter", "here:2");
        MicroException error = assertThrows(MicroException.class,
                () -> client.call("greeter", "Say.Hello", new Hello("x"), Reply.class));
        assertEquals(500, error.code());
        assertTrue(error.detail().contains("out of words"), error.detail());
        assertEquals(2, calls.get(), "a 500 is retried once, as over a transport");

        localNodes.remove("here:2", broken);
        serveGreeter("here:2");
        assertEquals(new Reply("Hello Bo"), client.call("greeter", "Say.Hello", new Hello("Bo"), Reply.class));
        assertEquals(List.of("here:2"), transport.calledAddresses);
    }

    @Test
    void aConfigurationChangeAppliesLiveAndABadValueKeepsTheLastGoodOne() {
        DefaultClient configured = new DefaultClient(micro.core.internal.testing.Configs.of(DefaultClient.Config.class,
                Map.of("retries", 3)), Map.of("retries", 3), localNodes);
        configured.addTransport(transport);
        configured.addCodec(codec);
        assertEquals(3, configured.settings().retries());

        configured.modified(micro.core.internal.testing.Configs.of(DefaultClient.Config.class, Map.of("request_timeout_ms", 750L)),
                Map.of("request.timeout.ms", 750L));
        assertEquals(Duration.ofMillis(750), configured.settings().timeout(), "applied without a restart");

        // What SCR hands over for request.timeout.ms = abc: the value cannot be read.
        DefaultClient.Config broken = (DefaultClient.Config) java.lang.reflect.Proxy.newProxyInstance(
                DefaultClient.Config.class.getClassLoader(), new Class<?>[] { DefaultClient.Config.class }, (proxy, method, args) -> {
                    if (method.getName().equals("request_timeout_ms")) {
                        throw new IllegalArgumentException("cannot coerce 'abc' to long");
                    }
                    if (method.getName().equals("retries")) {
                        return -2;
                    }
                    return method.getDefaultValue();
                });
        configured.modified(broken, Map.of("request.timeout.ms", "abc", "retries", -2));
        assertEquals(Duration.ofMillis(750), configured.settings().timeout(), "the last good timeout stays");
        assertEquals(1, configured.settings().retries(), "a negative retry count is refused; the default stays in force");

        configured.modified(micro.core.internal.testing.Configs.of(DefaultClient.Config.class,
                Map.of("retry_policy", "never")), Map.of("retry.policy", "never"));
        assertEquals(RetryPolicy.Named.NEVER, configured.settings().retryPolicy());
        configured.modified(micro.core.internal.testing.Configs.of(DefaultClient.Config.class,
                Map.of("retry_policy", "twice")), Map.of("retry.policy", "twice"));
        assertEquals(RetryPolicy.Named.NEVER, configured.settings().retryPolicy(), "an unknown policy keeps the last good one");
    }

    /**
     * Where a reply may complete its future: where it was read only for a caller that only waits
     * (a synchronous call) or that said its continuations never block (an edge); every other caller
     * gets it on a pool thread, where a continuation may block.
     */
    @Test
    void onlyAWaitingCallerOrOneThatNeverBlocksGetsItsReplyWhereItWasRead() throws Exception {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        micro.api.transport.Transport which = new micro.api.transport.Transport() {
            @Override
            public String name() {
                return "memory";
            }

            @Override
            public micro.api.transport.Listener listen(String address, micro.api.transport.TransportHandler handler) {
                return transport.listen(address, handler);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Message> call(String address, Message request, Duration timeout) {
                asked.add("call");
                return transport.call(address, request, timeout);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Message> callAwaited(String address, Message request, Duration timeout) {
                asked.add("awaited");
                return transport.call(address, request, timeout);
            }
        };
        DefaultClient observed = new DefaultClient(new ClientSettings(Duration.ofSeconds(5), 1, Duration.ofMillis(10),
                "application/json", RetryPolicy.Named.SERVER_ERRORS), selector, localNodes);
        observed.addTransport(which);
        observed.addCodec(codec);
        register("greeter", "io:1");
        serveGreeter("io:1");
        Message hello = new Message(Map.of("Content-Type", "application/json"), codec.encode(new Hello("Ed")));

        observed.call("greeter", "Say.Hello", new Hello("Ed"), Reply.class);
        observed.callAsync("greeter", "Say.Hello", new Hello("Ed"), Reply.class, CallOptions.defaults()).get();
        observed.invoke("greeter", "Say.Hello", hello, CallOptions.defaults()).get();
        observed.invoke("greeter", "Say.Hello", hello, CallOptions.defaults().withReplyOnIoThread()).get();
        assertEquals(List.of("awaited", "call", "call", "awaited"), asked);
        assertTrue(CallOptions.defaults().withReplyOnIoThread().withTimeout(Duration.ofSeconds(1)).replyOnIoThread(),
                "the option survives the others");
    }
}
