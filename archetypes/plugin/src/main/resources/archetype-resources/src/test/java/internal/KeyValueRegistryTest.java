package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import micro.api.registry.Node;
import micro.api.registry.RegistryEvent;
import micro.api.registry.Service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyValueRegistryTest {

    private final KeyValueRegistry registry = new KeyValueRegistry();

    @AfterEach
    void stop() {
        registry.close();
    }

    private static Service greeter(String version, String... nodeIds) {
        List<Node> nodes = java.util.Arrays.stream(nodeIds).map(id -> new Node(id, "127.0.0.1:" + (9000 + id.length()), Map.of()))
                .toList();
        return new Service("greeter", version, Map.of(), List.of(), nodes);
    }

    @Test
    void answersOneServicePerVersionWithItsNodes() {
        registry.register(greeter("1.0", "a", "b"), Duration.ofMinutes(1));
        registry.register(greeter("2.0", "c"), Duration.ofMinutes(1));
        registry.register(new Service("greeterx", "1.0", Map.of(), List.of(), List.of(new Node("x", "127.0.0.1:1", Map.of()))),
                Duration.ofMinutes(1));

        List<Service> versions = registry.getService("greeter");
        assertEquals(List.of("1.0", "2.0"), versions.stream().map(Service::version).toList());
        assertEquals(2, versions.get(0).nodes().size());
        assertEquals(List.of("greeter", "greeter", "greeterx"), registry.listServices().stream().map(Service::name).toList());
        assertEquals(List.of(), registry.getService("unknown"));

        registry.deregister(greeter("1.0", "a", "b"));
        assertEquals(List.of("2.0"), registry.getService("greeter").stream().map(Service::version).toList());
    }

    @Test
    void watchersHearChangesInOrderAndExpiries() throws InterruptedException {
        BlockingQueue<RegistryEvent> events = new LinkedBlockingQueue<>();
        registry.watch("greeter", events::add);

        registry.register(greeter("1.0", "a"), Duration.ofMillis(200));
        registry.register(greeter("1.0", "a"), Duration.ofMillis(200)); // a renewal: no event
        registry.deregister(greeter("1.0", "a"));
        registry.register(greeter("1.0", "b"), Duration.ofMillis(200));

        assertEquals(RegistryEvent.Type.CREATE, next(events).type());
        assertEquals(RegistryEvent.Type.DELETE, next(events).type());
        RegistryEvent created = next(events);
        assertEquals(RegistryEvent.Type.CREATE, created.type());
        assertEquals("b", created.service().nodes().get(0).id());
        RegistryEvent expired = next(events); // the sweep, about a second later
        assertEquals(RegistryEvent.Type.DELETE, expired.type());
        assertEquals("b", expired.service().nodes().get(0).id());
        assertTrue(registry.getService("greeter").isEmpty());
    }

    @Test
    void aZeroOrNegativeTtlNeverExpires() {
        registry.register(greeter("1.0", "a"), Duration.ZERO);
        registry.register(greeter("1.0", "b"), Duration.ofSeconds(-1));
        registry.expire();
        assertEquals(2, registry.getService("greeter").get(0).nodes().size());
    }

    private static RegistryEvent next(BlockingQueue<RegistryEvent> events) throws InterruptedException {
        RegistryEvent event = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(event, "no registry event within 10 s");
        return event;
    }
}
