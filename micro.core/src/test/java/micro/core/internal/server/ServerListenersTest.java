package micro.core.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.Transport;
import micro.api.transport.TransportHandler;
import micro.core.internal.listener.RegisteredListener;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.transport.MemoryTransport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A server on several transports at once: a node per transport, each coming and going on its own. */
class ServerListenersTest {

    private static final RegisteredListener.Settings SETTINGS = new RegisteredListener.Settings("test", "127.0.0.1:0", "",
            Duration.ofSeconds(60), Duration.ofSeconds(30));

    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofSeconds(1));
    private final MemoryRegistry better = new MemoryRegistry(Duration.ofSeconds(1));
    private final Transport http = new Named("http");
    private final Transport nats = new Named("nats");
    private final ServedService greeter = new ServedService("greeter", "latest", "greeter-1", new DebugHandler(0));
    private final ServedEntries entries = new ServedEntries(Map.of("greeter", greeter), new String[0]);
    private final ServerListeners listeners = new ServerListeners(SETTINGS, Set.of(), settings -> new RegisteredListener(
            settings, (transport, address) -> transport.listen(address, request -> new Message(Map.of(), "{}".getBytes())),
            entries, RegisteredListener.Addresses.NONE));

    @AfterEach
    void close() {
        listeners.close();
        registry.close();
        better.close();
    }

    @Test
    void aNewTransportAddsItsNodesAndOneThatLeavesTakesOnlyItsOwn() {
        listeners.setRegistry(registry);
        listeners.addTransport(http, Map.of("service.id", 1L));
        listeners.listen();
        Map<String, Node> before = registeredNodes(registry);
        assertEquals(Set.of("greeter-1"), before.keySet());
        assertEquals("http", before.get("greeter-1").metadata().get(Node.TRANSPORT));

        listeners.addTransport(nats, Map.of("service.id", 2L, "service.ranking", 100));
        Map<String, Node> both = registeredNodes(registry);
        assertEquals(Set.of("greeter-1", "greeter-1-nats"), both.keySet(), "a node per transport, the http one kept");
        assertEquals(before.get("greeter-1").address(), both.get("greeter-1").address(), "the http listener stayed where it was");
        assertEquals("nats", both.get("greeter-1-nats").metadata().get(Node.TRANSPORT));
        assertEquals(both.get("greeter-1-nats").address(), listeners.best().address(), "the best-ranked transport is the server's address");
        assertTrue(answers(http, both.get("greeter-1").address()) && answers(nats, both.get("greeter-1-nats").address()));
        List<Service> served = listeners.merged(entries::all);
        assertEquals(1, served.size());
        assertEquals(2, served.get(0).nodes().size(), "the server's own view: one service, both nodes");

        listeners.removeTransport(http);
        Map<String, Node> after = registeredNodes(registry);
        assertEquals(Set.of("greeter-1-nats"), after.keySet(), "only the http node left with its transport");
        assertTrue(answers(nats, after.get("greeter-1-nats").address()));
        assertTrue(!answers(http, both.get("greeter-1").address()), "the http listener is closed");
    }

    @Test
    void theChosenTransportsAloneAreListenedOnAndAChangeAppliesLive() {
        ServerListeners natsOnly = new ServerListeners(SETTINGS, Set.of("nats"), settings -> new RegisteredListener(
                settings, (transport, address) -> transport.listen(address, request -> new Message(Map.of(), new byte[0])),
                entries, RegisteredListener.Addresses.NONE));
        try {
            natsOnly.setRegistry(registry);
            natsOnly.addTransport(http, Map.of("service.id", 1L));
            natsOnly.addTransport(nats, Map.of("service.id", 2L));
            natsOnly.listen();
            assertEquals(Set.of("greeter-1-nats"), registeredNodes(registry).keySet());

            natsOnly.reconfigure(SETTINGS, Set.of());
            assertEquals(Set.of("greeter-1", "greeter-1-nats"), registeredNodes(registry).keySet(), "empty: every transport");

            natsOnly.reconfigure(SETTINGS, Set.of("http"));
            assertEquals(Set.of("greeter-1"), registeredNodes(registry).keySet());
        } finally {
            natsOnly.close();
        }
    }

    @Test
    void everyListenerMovesToABetterRegistryAndNothingIsRegisteredAfterClose() {
        listeners.addTransport(http, Map.of("service.id", 1L));
        listeners.addTransport(nats, Map.of("service.id", 2L));
        listeners.listen();
        assertNull(listeners.best().registry());
        assertTrue(!listeners.registrable(), "no registry yet");

        listeners.setRegistry(registry);
        assertEquals(2, registeredNodes(registry).size());
        listeners.setRegistry(better);
        assertEquals(2, registeredNodes(better).size(), "both nodes in the better registry");
        assertEquals(Map.of(), registeredNodes(registry), "and gone from the old one");

        listeners.close();
        assertEquals(Map.of(), registeredNodes(better));
    }

    private static Map<String, Node> registeredNodes(MemoryRegistry registry) {
        Map<String, Node> nodes = new TreeMap<>();
        for (Service version : registry.getService("greeter")) {
            version.nodes().forEach(node -> nodes.put(node.id(), node));
        }
        return nodes;
    }

    private static boolean answers(Transport transport, String address) {
        return transport.call(address, new Message(Map.of(), new byte[0]), Duration.ofSeconds(1))
                .handle((reply, error) -> error == null).join();
    }

    /** The in-memory transport under another name, as a second network transport would be. */
    private static final class Named implements Transport {
        private final String name;
        private final MemoryTransport delegate = new MemoryTransport();

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Listener listen(String address, TransportHandler handler) {
            return delegate.listen(address, handler);
        }

        @Override
        public CompletableFuture<Message> call(String address, Message request, Duration timeout) {
            return delegate.call(address, request, timeout);
        }
    }
}
