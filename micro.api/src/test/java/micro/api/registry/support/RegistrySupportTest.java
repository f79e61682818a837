package micro.api.registry.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.registry.Node;
import micro.api.registry.RegistryEvent;
import micro.api.registry.Service;
import micro.api.registry.Watch;

import org.junit.jupiter.api.Test;

class RegistrySupportTest {

    private static Service entry(String name, String version, String nodeId) {
        return new Service(name, version, Map.of("v", version), List.of(), List.of(new Node(nodeId, nodeId + ":1", Map.of())));
    }

    @Test
    void entriesJoinIntoOneServicePerVersionInTheOrderVersionsAppear() {
        List<Service> merged = ServiceVersions.merge(List.of(entry("greeter", "2.0", "a"), entry("greeter", "1.0", "b"),
                entry("greeter", "2.0", "c")));
        assertEquals(List.of("2.0", "1.0"), merged.stream().map(Service::version).toList());
        assertEquals(List.of("a", "c"), merged.get(0).nodes().stream().map(Node::id).toList());
        assertEquals(Map.of("v", "2.0"), merged.get(0).metadata());
        assertEquals(List.of(), ServiceVersions.merge(List.of()));
    }

    @Test
    void eventsReachTheirServicesListenersAndThoseOfAllAndAThrowingOneStopsNobody() {
        List<String> failures = new CopyOnWriteArrayList<>();
        RegistryListeners listeners = new RegistryListeners((event, e) -> failures.add(e.getMessage()));
        List<String> heard = new CopyOnWriteArrayList<>();
        listeners.add("greeter", event -> {
            throw new IllegalStateException("listener broke");
        });
        Watch greeter = listeners.add("greeter", event -> heard.add("greeter:" + event.service().name()));
        listeners.add(null, event -> heard.add("all:" + event.service().name()));

        listeners.deliver(new RegistryEvent(RegistryEvent.Type.CREATE, entry("greeter", "1", "a")));
        listeners.deliver(new RegistryEvent(RegistryEvent.Type.CREATE, entry("billing", "1", "b")));
        greeter.close();
        listeners.deliver(new RegistryEvent(RegistryEvent.Type.DELETE, entry("greeter", "1", "a")));

        assertEquals(List.of("greeter:greeter", "all:greeter", "all:billing", "all:greeter"), heard);
        assertEquals(List.of("listener broke", "listener broke"), failures);
        listeners.clear();
        assertTrue(listeners.isEmpty());
    }
}
