package micro.edge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.Service;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.testing.Await;

import org.junit.jupiter.api.Test;

class RegistrationsTest {

    private static final Service APP = new Service("micro.srv.app", "1.0", Map.of(), List.of(),
            List.of(new Node("app-1", "127.0.0.1:9000", Map.of())));

    @Test
    void aRegistryThatGoesAwayIsLeftAtOnceAndTheNextOneGetsEverything() throws Exception {
        MemoryRegistry first = new MemoryRegistry(Duration.ofMinutes(1));
        MemoryRegistry second = new MemoryRegistry(Duration.ofMinutes(1));
        AtomicReference<Registry> current = new AtomicReference<>(first);
        try (Registrations kept = new Registrations(current::get, Duration.ofMinutes(1), Duration.ofMinutes(1))) {
            kept.add(APP, null, Duration.ofSeconds(60));
            Await.until("the app in the first registry", Duration.ofSeconds(5), () -> !first.getService("micro.srv.app").isEmpty());

            // A greedy swap, as DS makes it: the better registry is bound, then the old one unbound.
            current.set(second);
            kept.registryChanged();
            kept.registryGone(first);
            assertTrue(first.getService("micro.srv.app").isEmpty(), "left the old registry before it went, not a TTL later");
            Await.until("the app in the second registry", Duration.ofSeconds(5), () -> !second.getService("micro.srv.app").isEmpty());

            // The only registry going away (an uninstall, or a shutdown that stops it first).
            current.set(null);
            kept.registryGone(second);
            assertEquals(List.of(), second.getService("micro.srv.app"));
        } finally {
            first.close();
            second.close();
        }
    }
}
