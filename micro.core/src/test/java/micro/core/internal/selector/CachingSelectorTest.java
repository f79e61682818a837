package micro.core.internal.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.api.selector.NoneAvailableException;
import micro.api.selector.SelectOptions;
import micro.api.selector.ServiceNotFoundException;
import micro.api.transport.TransportException;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.testing.Await;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachingSelectorTest {

    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofMillis(20));
    private CachingSelector selector;

    @BeforeEach
    void setUp() {
        // Registered before the selector watches: a late registration event would forgive a node a
        // test has just marked as failed.
        registry.register(new Service("greeter", "1", Map.of(), List.of(), List.of(node("a"), node("b"), node("c"))),
                Duration.ZERO);
        selector = new CachingSelector("random", Duration.ofMillis(1500));
        selector.setRegistry(registry, Map.of());
    }

    @AfterEach
    void tearDown() {
        selector.deactivate();
        registry.close();
    }

    private static Node node(String id) {
        return new Node(id, "127.0.0.1:1", Map.of());
    }

    private String pick(String strategy) {
        return selector.select("greeter", new SelectOptions(strategy, null)).next().id();
    }

    @Test
    void roundRobinVisitsEveryNodeInOrder() {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picked.add(pick("roundrobin"));
        }
        assertEquals(List.of("a", "b", "c", "a", "b", "c"), picked);
    }

    @Test
    void randomSpreadsAcrossAllNodes() {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            counts.merge(pick("random"), 1, Integer::sum);
        }
        assertEquals(3, counts.size());
        counts.values().forEach(count -> assertTrue(count > 700, "uneven spread " + counts));
    }

    @Test
    void aConfigurationChangeAppliesLiveAndABadValueKeepsTheLastGoodOne() {
        selector.modified(micro.core.internal.testing.Configs.of(CachingSelector.Config.class,
                Map.of("strategy", "roundrobin", "blacklist_ms", 0L)));
        assertEquals("roundrobin", selector.defaultStrategy());
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            picked.add(pick(null));
        }
        assertEquals(List.of("a", "b", "c"), picked, "calls without a strategy of their own follow the new default");
        selector.mark("greeter", node("b"), new TransportException("127.0.0.1:1", "refused", null));
        assertTrue(java.util.stream.IntStream.range(0, 6).mapToObj(i -> pick("roundrobin")).anyMatch("b"::equals),
                "a blacklist period of 0 leaves no node out");

        selector.modified(micro.core.internal.testing.Configs.of(CachingSelector.Config.class,
                Map.of("strategy", "fastest", "blacklist_ms", -5L)));
        assertEquals("roundrobin", selector.defaultStrategy(), "an unknown strategy keeps the last good one");
    }

    @Test
    void retriesOfOneCallGoToNodesNotTriedYet() {
        var next = selector.select("greeter", new SelectOptions("random", null));
        List<String> seen = List.of(next.next().id(), next.next().id(), next.next().id());
        assertEquals(3, seen.stream().distinct().count(), "three attempts, three nodes: " + seen);
    }

    @Test
    void aMarkedNodeIsSkippedThenReturns() {
        selector.mark("greeter", node("b"), new TransportException("127.0.0.1:1", "refused", null));
        for (int i = 0; i < 300; i++) {
            assertTrue(!pick("random").equals("b"), "b was marked as failed");
        }
        Await.until("b to come back after the blacklist period", Duration.ofSeconds(5),
                () -> pick("roundrobin").equals("b"));
    }

    @Test
    void aBlacklistedNodeBackAtANewAddressOrRegisteredAnewIsCalledAtOnce() {
        CachingSelector single = new CachingSelector("random", Duration.ofSeconds(30));
        MemoryRegistry own = new MemoryRegistry(Duration.ofMillis(20));
        try {
            // Registered before the selector watches: no registration event is still on its way to it.
            Node before = new Node("n1", "127.0.0.1:1001", Map.of());
            Node other = new Node("n2", "127.0.0.1:2001", Map.of());
            own.register(new Service("solo", "1", Map.of(), List.of(), List.of(before)), Duration.ZERO);
            own.register(new Service("duo", "1", Map.of(), List.of(), List.of(other)), Duration.ZERO);
            single.setRegistry(own, Map.of());
            assertEquals("n1", single.select("solo", null).next().id());
            single.mark("solo", before, new TransportException(before.address(), "refused", null));
            assertThrows(NoneAvailableException.class, () -> single.select("solo", null).next());

            // A transport restart: the same node id, a new port.
            own.deregister(new Service("solo", "1", Map.of(), List.of(), List.of(before)));
            Node after = new Node("n1", "127.0.0.1:1002", Map.of());
            own.register(new Service("solo", "1", Map.of(), List.of(), List.of(after)), Duration.ZERO);
            Await.until("the node at its new address", Duration.ofSeconds(5), () -> available(single, "solo"));

            // The same address, registered anew after it was gone.
            assertEquals("n2", single.select("duo", null).next().id());
            single.mark("duo", other, new TransportException(other.address(), "refused", null));
            assertThrows(NoneAvailableException.class, () -> single.select("duo", null).next());
            own.deregister(new Service("duo", "1", Map.of(), List.of(), List.of(other)));
            own.register(new Service("duo", "1", Map.of(), List.of(), List.of(other)), Duration.ZERO);
            Await.until("the node registered anew", Duration.ofSeconds(5), () -> available(single, "duo"));
        } finally {
            single.deactivate();
            own.close();
        }
    }

    @Test
    void whenEveryLeaseOfAServiceExpiresAtOnceItsLastNodesStandInUntilTheyRegisterAgain() {
        MemoryRegistry own = new MemoryRegistry(Duration.ofMillis(20));
        CachingSelector cached = new CachingSelector("random", Duration.ofSeconds(30));
        try {
            cached.setRegistry(own, Map.of());
            own.register(new Service("frozen", "1", Map.of(), List.of(), List.of(node("f1"))), Duration.ofMillis(200));
            assertEquals("f1", cached.select("frozen", null).next().id());
            // Watched after the selector: the registry delivers each event to the selector first.
            List<micro.api.registry.RegistryEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            own.watch("frozen", seen::add);
            Await.until("the lease to expire", Duration.ofSeconds(5),
                    () -> seen.stream().anyMatch(e -> e.type() == micro.api.registry.RegistryEvent.Type.DELETE));
            assertEquals("f1", cached.select("frozen", null).next().id(), "the last node stands in, no 404");

            own.register(new Service("frozen", "1", Map.of(), List.of(), List.of(node("f2"))), Duration.ZERO);
            Await.until("the registered node to take over", Duration.ofSeconds(5),
                    () -> cached.select("frozen", null).next().id().equals("f2"));
        } finally {
            cached.deactivate();
            own.close();
        }
    }

    private static boolean available(CachingSelector selector, String service) {
        try {
            return selector.select(service, null).next() != null;
        } catch (NoneAvailableException | ServiceNotFoundException e) {
            return false;
        }
    }

    @Test
    void aNodeTimeoutBlacklistsByTypeAndA408ThatIsNoNodeTimeoutDoesNot() {
        selector.mark("greeter", node("b"), new micro.api.MicroException("micro.transport", 408, "a deadline, not the node"));
        assertTrue(available(selector, "greeter"));
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            picked.add(pick("roundrobin"));
        }
        assertTrue(picked.contains("b"), "an id is no kind of failure: " + picked);
        selector.mark("greeter", node("b"), new micro.api.transport.NodeTimeoutException("127.0.0.1:1", "slow"));
        for (int i = 0; i < 30; i++) {
            assertTrue(!pick("random").equals("b"), "a node that timed out is left out");
        }
    }

    @Test
    void applicationErrorsDoNotBlacklist() {
        selector.mark("greeter", node("b"), micro.api.MicroException.internal("greeter", "handler failed"));
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            picked.add(pick("roundrobin"));
        }
        assertTrue(picked.contains("b"));
    }

    @Test
    void unknownServiceIsNotFoundNamingIt() {
        ServiceNotFoundException error = assertThrows(ServiceNotFoundException.class,
                () -> selector.select("nope", SelectOptions.defaults()));
        assertEquals(404, error.code());
        assertTrue(error.detail().contains("nope"), error.detail());
    }

    @Test
    void newNodesBecomeSelectableThroughTheWatch() {
        assertThrows(ServiceNotFoundException.class, () -> selector.select("late", SelectOptions.defaults()));
        registry.register(new Service("late", "1", Map.of(), List.of(), List.of(node("x"))), Duration.ZERO);
        Await.until("the watch to refresh the cache", Duration.ofSeconds(5), () -> {
            try {
                return selector.select("late", SelectOptions.defaults()).next().id().equals("x");
            } catch (ServiceNotFoundException e) {
                return false;
            }
        });
    }

    @Test
    void allNodesBlacklistedIsUnavailable() {
        for (String id : List.of("a", "b", "c")) {
            selector.mark("greeter", node(id), new TransportException("127.0.0.1:1", "refused", null));
        }
        NoneAvailableException error = assertThrows(NoneAvailableException.class,
                () -> selector.select("greeter", SelectOptions.defaults()).next());
        assertEquals(503, error.code());
    }

    /** A registry that can be made to fail, like a distributed one whose server went away. */
    static final class FlakyRegistry implements micro.api.registry.Registry {
        final MemoryRegistry delegate;
        volatile boolean down;

        FlakyRegistry(MemoryRegistry delegate) {
            this.delegate = delegate;
        }

        private void check() {
            if (down) {
                throw micro.api.MicroException.unavailable("flaky", "registry is down");
            }
        }

        @Override public String name() { return "flaky"; }
        @Override public void register(Service service, Duration ttl) { check(); delegate.register(service, ttl); }
        @Override public void deregister(Service service) { check(); delegate.deregister(service); }
        @Override public List<Service> getService(String name) { check(); return delegate.getService(name); }
        @Override public List<Service> listServices() { check(); return delegate.listServices(); }
        @Override public micro.api.registry.Watch watch(String service, micro.api.registry.RegistryListener listener) {
            return delegate.watch(service, listener);
        }
    }

    @Test
    void servesTheLastKnownNodesWhileTheRegistryIsDown() {
        FlakyRegistry flaky = new FlakyRegistry(registry);
        CachingSelector cached = new CachingSelector("roundrobin", Duration.ofSeconds(30));
        cached.setRegistry(flaky, Map.of());
        assertEquals("a", cached.select("greeter", SelectOptions.defaults()).next().id());
        registry.register(new Service("greeter", "1", Map.of(), List.of(), List.of(node("d"))), Duration.ZERO);
        flaky.down = true; // whether the change marked the entry stale yet or not, the cached nodes are served
        assertTrue(List.of("a", "b", "c", "d").contains(cached.select("greeter", SelectOptions.defaults()).next().id()),
                "a stale entry is still served");
        micro.api.MicroException unreadable = assertThrows(micro.api.MicroException.class,
                () -> cached.select("never-seen", SelectOptions.defaults()));
        assertEquals(503, unreadable.code());
        assertTrue(unreadable.detail().contains("registry flaky") && unreadable.detail().contains("registry is down"),
                unreadable.detail());
        cached.deactivate();
    }

    @Test
    void duringARegistrySwapTheNodesKnownBeforeAnswerUntilTheServiceIsRegisteredAgain() {
        MemoryRegistry better = new MemoryRegistry(Duration.ofMillis(20));
        assertEquals("a", selector.select("greeter", new SelectOptions("roundrobin", null)).next().id());
        selector.setRegistry(better, Map.of()); // the server has not registered in it yet
        assertTrue(List.of("a", "b", "c").contains(selector.select("greeter", SelectOptions.defaults()).next().id()));
        assertThrows(ServiceNotFoundException.class, () -> selector.select("never-known", SelectOptions.defaults()));

        better.register(new Service("greeter", "1", Map.of(), List.of(), List.of(node("z"))), Duration.ZERO);
        assertEquals("z", selector.select("greeter", SelectOptions.defaults()).next().id(), "the new registry's nodes win");
        better.close();
    }
}
