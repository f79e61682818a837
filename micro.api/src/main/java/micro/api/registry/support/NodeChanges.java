package micro.api.registry.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import micro.api.registry.Node;
import micro.api.registry.RegistryEvent;
import micro.api.registry.Service;

/**
 * For a registry that can only re-read what it stores (Consul's blocking queries, a Kubernetes
 * watch of pods): the nodes of each service as last seen, and the events that lead from there to
 * what is seen now, one a node: CREATE for a node that came, UPDATE for one that changed, DELETE
 * for one that left. Not thread safe: one watcher thread owns it.
 */
public final class NodeChanges {

    private final Map<String, Map<String, Service>> known = new HashMap<>();

    /** The services that had nodes at the last look. */
    public Set<String> services() {
        return Set.copyOf(known.keySet());
    }

    /**
     * Compares {@code versions}, the service {@code name} as it is now, with the last look at it, and
     * hands {@code sink} an event for each node that came, changed or left.
     */
    public void compare(String name, List<Service> versions, Consumer<RegistryEvent> sink) {
        Map<String, Service> now = new HashMap<>();
        for (Service version : versions) {
            for (Node node : version.nodes()) {
                now.put(node.id(), version.withNodes(List.of(node)));
            }
        }
        Map<String, Service> before = known.getOrDefault(name, Map.of());
        now.forEach((id, node) -> {
            Service previous = before.get(id);
            if (previous == null) {
                sink.accept(new RegistryEvent(RegistryEvent.Type.CREATE, node));
            } else if (!previous.equals(node)) {
                sink.accept(new RegistryEvent(RegistryEvent.Type.UPDATE, node));
            }
        });
        before.forEach((id, node) -> {
            if (!now.containsKey(id)) {
                sink.accept(new RegistryEvent(RegistryEvent.Type.DELETE, node));
            }
        });
        if (now.isEmpty()) {
            known.remove(name);
        } else {
            known.put(name, now);
        }
    }
}
