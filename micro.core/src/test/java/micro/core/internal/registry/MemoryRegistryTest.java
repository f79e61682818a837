package micro.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import micro.api.registry.Node;
import micro.api.registry.RegistryEvent;
import micro.api.registry.Service;
import micro.core.internal.testing.Await;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryRegistryTest {

    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofMillis(20));

    @AfterEach
    void close() {
        registry.close();
    }

    static Service service(String name, String... nodeIds) {
        List<Node> nodes = java.util.Arrays.stream(nodeIds).map(id -> new Node(id, "127.0.0.1:1", Map.of())).toList();
        return new Service(name, "1.0", Map.of(), List.of(), nodes);
    }

    @Test
    void registeredNodesAreListedAndFound() {
        registry.register(service("greeter", "a", "b"), Duration.ZERO);
        registry.register(service("other", "c"), Duration.ZERO);

        assertEquals(List.of("a", "b"), registry.getService("greeter").get(0).nodes().stream().map(Node::id).toList());
        assertEquals(List.of("greeter", "other"), registry.listServices().stream().map(Service::name).toList());
        assertTrue(registry.listServices().get(0).nodes().isEmpty(), "listServices carries no nodes");
        assertTrue(registry.getService("unknown").isEmpty());
    }

    @Test
    void nodeExpiresAfterItsTtlAndWatchersHearTheDelete() {
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        registry.watch("greeter", events::add);
        registry.register(service("greeter", "short"), Duration.ofMillis(150));
        registry.register(service("greeter", "forever"), Duration.ZERO);

        Await.until("the short-lived node to expire", Duration.ofSeconds(5),
                () -> registry.getService("greeter").get(0).nodes().size() == 1);
        assertEquals("forever", registry.getService("greeter").get(0).nodes().get(0).id());
        Await.until("the delete event", Duration.ofSeconds(5), () -> events.size() == 3);
        assertEquals(RegistryEvent.Type.DELETE, events.get(2).type());
        assertEquals("short", events.get(2).service().nodes().get(0).id());
    }

    @Test
    void renewingKeepsANodeAlive() {
        AtomicLong now = new AtomicLong();
        MemoryRegistry turned = new MemoryRegistry(Duration.ofHours(1), now::get); // swept by hand below
        try {
            turned.register(service("greeter", "a"), Duration.ofSeconds(1));
            for (int renewal = 0; renewal < 4; renewal++) {
                now.addAndGet(Duration.ofMillis(900).toNanos());
                turned.expire();
                assertEquals(1, turned.getService("greeter").size(), "renewed within its TTL, at " + now.get() / 1_000_000 + " ms");
                turned.register(service("greeter", "a"), Duration.ofSeconds(1));
            }
            now.addAndGet(Duration.ofMillis(1001).toNanos());
            turned.expire();
            assertEquals(List.of(), turned.getService("greeter"), "not renewed: gone after its TTL");
        } finally {
            turned.close();
        }
    }

    @Test
    void watchSeesCreateUpdateDeleteInOrderAndNothingForAnUnchangedRenewal() {
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        registry.watch(null, events::add);
        registry.register(service("greeter", "a"), Duration.ZERO);
        registry.register(service("greeter", "a"), Duration.ZERO); // unchanged: no event
        registry.register(new Service("greeter", "1.0", Map.of(), List.of(),
                List.of(new Node("a", "127.0.0.1:2", Map.of()))), Duration.ZERO);
        registry.deregister(service("greeter", "a"));

        Await.until("three events", Duration.ofSeconds(5), () -> events.size() >= 3);
        assertEquals(List.of(RegistryEvent.Type.CREATE, RegistryEvent.Type.UPDATE, RegistryEvent.Type.DELETE),
                events.stream().map(RegistryEvent::type).toList());
        assertEquals("127.0.0.1:2", events.get(1).service().nodes().get(0).address());
        assertTrue(registry.getService("greeter").isEmpty(), "the service leaves with its last node");
    }

    @Test
    void aClosedWatchHearsNothingMore() {
        List<RegistryEvent> closed = new CopyOnWriteArrayList<>();
        List<RegistryEvent> open = new CopyOnWriteArrayList<>();
        registry.watch(null, closed::add).close();
        registry.watch(null, open::add);
        registry.register(service("greeter", "a"), Duration.ZERO);

        Await.until("the open watch to hear the create", Duration.ofSeconds(5), () -> open.size() == 1);
        assertTrue(closed.isEmpty());
    }
}
