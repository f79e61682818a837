package micro.core.internal.selector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.RegistryEvent;
import micro.api.registry.Service;
import micro.api.registry.Watch;

/**
 * The nodes of each service as last read from one registry. A watch on the registry drops the entry
 * of a service that changed, so the next call reads it again: a lookup costs a registry round trip
 * once per change, not once per call.
 */
final class NodeCache implements AutoCloseable {

    /** A service the registry does not know; cached too, so unknown names do not hammer it. */
    static final List<Node> UNKNOWN = Collections.unmodifiableList(new ArrayList<>());

    private final Registry registry;
    private final ConcurrentMap<String, List<Node>> nodes = new ConcurrentHashMap<>();
    private final Watch watch;

    NodeCache(Registry registry) {
        this.registry = registry;
        this.watch = registry.watch(null, this::onEvent);
    }

    /** The live nodes of {@code service}, {@link #UNKNOWN} (by identity) when it does not exist. */
    List<Node> nodes(String service) {
        List<Node> cached = nodes.get(service);
        return cached != null ? cached : nodes.computeIfAbsent(service, this::load);
    }

    boolean isFor(Registry candidate) {
        return registry == candidate;
    }

    void invalidate(String service) {
        nodes.remove(service);
    }

    private List<Node> load(String service) {
        List<Service> versions = registry.getService(service);
        if (versions.isEmpty()) {
            return UNKNOWN;
        }
        List<Node> all = new ArrayList<>();
        for (Service version : versions) {
            all.addAll(version.nodes());
        }
        return List.copyOf(all);
    }

    private void onEvent(RegistryEvent event) {
        nodes.remove(event.service().name());
    }

    @Override
    public void close() {
        watch.close();
        nodes.clear();
    }
}
