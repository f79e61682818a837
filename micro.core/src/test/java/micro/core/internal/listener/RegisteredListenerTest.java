package micro.core.internal.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.RegistryListener;
import micro.api.registry.Watch;
import micro.api.registry.Service;
import micro.api.transport.Message;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.transport.MemoryTransport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The listener the server and the broker share, over the in-memory transport and registry. */
class RegisteredListenerTest {

    private final MemoryRegistry first = new MemoryRegistry(Duration.ofSeconds(1));
    private final MemoryRegistry second = new MemoryRegistry(Duration.ofSeconds(1));
    private final MemoryTransport transport = new MemoryTransport();
    private final MemoryTransport better = new MemoryTransport();
    private final RegisteredListener listener = new RegisteredListener(
            new RegisteredListener.Settings("test", "127.0.0.1:0", "", Duration.ofSeconds(60), Duration.ofSeconds(30)),
            (carrier, address) -> carrier.listen(address, request -> new Message(Map.of(), "{}".getBytes())),
            at -> List.of(entry(at.address())), RegisteredListener.Addresses.NONE);

    private static Service entry(String address) {
        return new Service("greeter", "1.0", Map.of(), List.of(), List.of(new Node("greeter-1", address, Map.of())));
    }

    private static String registeredAddress(MemoryRegistry registry) {
        List<Service> found = registry.getService("greeter");
        return found.isEmpty() ? null : found.get(0).nodes().get(0).address();
    }

    @AfterEach
    void close() {
        listener.close();
        first.close();
        second.close();
    }

    @Test
    void listensOnlyWhenAskedAndFollowsTransportAndRegistrySwaps() {
        listener.setTransport(transport);
        listener.setRegistry(first);
        assertNull(listener.published().listener(), "not asked to listen yet (the broker before its first subscription)");

        listener.listen();
        String before = listener.published().address();
        assertEquals(before, registeredAddress(first));

        listener.setTransport(better);
        String after = listener.published().address();
        assertEquals(after, registeredAddress(first), "the node registered at the new listener");
        assertTrue(transport.call(before, new Message(Map.of(), new byte[0]), Duration.ofSeconds(1))
                .handle((reply, error) -> error != null).join(), "the old listener is closed");

        listener.setRegistry(second);
        assertEquals(after, registeredAddress(second), "registered in the better registry first");
        assertNull(registeredAddress(first), "then removed from the old one");

        listener.unsetTransport(better);
        assertNull(registeredAddress(second), "no listener: nothing registered");
        assertNull(listener.published().address());
    }

    @Test
    void aRegistryCallThatHangsHoldsNoReaderUp() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Registry stuck = new Registry() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public void register(Service service, Duration ttl) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                second.register(service, ttl);
            }

            @Override
            public void deregister(Service service) {
                second.deregister(service);
            }

            @Override
            public List<Service> getService(String name) {
                return second.getService(name);
            }

            @Override
            public List<Service> listServices() {
                return second.listServices();
            }

            @Override
            public Watch watch(String service, RegistryListener watcher) {
                return second.watch(service, watcher);
            }
        };
        listener.setTransport(transport);
        listener.listen();
        CompletableFuture<Void> binding = CompletableFuture.runAsync(() -> listener.setRegistry(stuck));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        // While the registration hangs, readers (the broker's publish path) go on.
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertNotEquals(null, listener.published().transport()));
        release.countDown();
        binding.get(10, TimeUnit.SECONDS);
        assertEquals(listener.published().address(), registeredAddress(second));
    }

    @Test
    void aNewAddressMovesTheListenerLiveAndRegistersItBeforeTheOldOneCloses() {
        listener.setTransport(transport);
        listener.setRegistry(first);
        listener.listen();
        String before = listener.published().address();
        listener.reconfigure(new RegisteredListener.Settings("test", "127.0.0.1:4711", "", Duration.ofSeconds(20),
                Duration.ofSeconds(5)));
        assertEquals("127.0.0.1:4711", listener.published().address());
        assertEquals("127.0.0.1:4711", registeredAddress(first));
        assertTrue(transport.call(before, new Message(Map.of(), new byte[0]), Duration.ofSeconds(1))
                .handle((reply, error) -> error != null).join(), "the old listener is closed");

        listener.reconfigure(new RegisteredListener.Settings("test", "127.0.0.1:4711", "10.0.0.7:80", Duration.ofSeconds(20),
                Duration.ofSeconds(5)));
        assertEquals("10.0.0.7:80", registeredAddress(first), "the advertised address is what is registered");
    }

    @Test
    void aMoveFromOneFixedPortToAnotherNeverLeavesTheNodeUnregistered() {
        listener.setTransport(transport);
        listener.setRegistry(first);
        listener.reconfigure(new RegisteredListener.Settings("test", "127.0.0.1:4711", "", Duration.ofSeconds(20),
                Duration.ofSeconds(5)));
        listener.listen();
        List<micro.api.registry.RegistryEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (micro.api.registry.Watch watch = first.watch("greeter", events::add)) {
            listener.reconfigure(new RegisteredListener.Settings("test", "127.0.0.1:4712", "", Duration.ofSeconds(20),
                    Duration.ofSeconds(5)));
            micro.core.internal.testing.Await.until("the move to be registered", Duration.ofSeconds(10), () -> events.stream()
                    .anyMatch(event -> event.service().nodes().get(0).address().equals("127.0.0.1:4712")));
            // Another port needs no gap: the new listener opens and registers before the old one closes.
            assertEquals(List.of(), events.stream().filter(event -> event.type() == micro.api.registry.RegistryEvent.Type.DELETE)
                    .toList(), "the node was never deregistered during the move");
        }
        assertEquals("127.0.0.1:4712", registeredAddress(first));
    }

    @Test
    void singleEntriesAreDescribedWhenTheyRunAndNullSkips() {
        listener.setTransport(transport);
        listener.setRegistry(first);
        listener.listen();
        listener.deregister(at -> null);
        assertEquals(listener.published().address(), registeredAddress(first), "a null entry deregisters nothing");
        listener.deregister(at -> entry(at.address()));
        assertNull(registeredAddress(first));
        listener.register(at -> entry(at.address()));
        assertEquals(listener.published().address(), registeredAddress(first));
    }
}
