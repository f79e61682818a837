package ${package}.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.RegistryEvent;
import micro.api.registry.RegistryListener;
import micro.api.registry.Service;
import micro.api.registry.Watch;
import micro.api.registry.support.RegistryListeners;
import micro.api.registry.support.ServiceVersions;

/**
 * The registry {@code ${registryName}}: one entry per node under the key {@code SERVICE/NODE-ID},
 * each holding its service with that one node and a deadline, as micro's etcd and Consul
 * registries keep them. The table lives in this process; to put the registry on a store of your
 * own, replace {@link #table} with that store's client and keep the rest: answering one service
 * per version ({@link ServiceVersions#merge}), the events (in order, on one thread, never under a
 * lock), the TTLs. {@link RegistryPublisher} publishes it.
 */
public final class KeyValueRegistry implements Registry, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KeyValueRegistry.class.getName());
    private static final long NEVER = Long.MIN_VALUE;
    private static final Duration SWEEP = Duration.ofSeconds(1);

    private record StoredNode(Service entry, long deadline) {

        boolean expired(long now) {
            return deadline != NEVER && now - deadline >= 0;
        }
    }

    /** SERVICE/NODE-ID → that node's entry; guarded by itself. */
    private final NavigableMap<String, StoredNode> table = new TreeMap<>();
    private final RegistryListeners listeners = new RegistryListeners((event, e) -> LOG.log(Level.WARNING,
            "a watcher of registry ${registryName} failed on " + event.type() + " of " + event.service().name(), e));
    /** Delivers the events, in order, and sweeps expired nodes: one thread, so an expiry never overtakes a renewal's event. */
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "registry-${registryName}");
        thread.setDaemon(true);
        return thread;
    });

    public KeyValueRegistry() {
        worker.scheduleWithFixedDelay(this::expire, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return "${registryName}";
    }

    @Override
    public void register(Service service, Duration ttl) {
        long deadline = ttl == null || ttl.isZero() || ttl.isNegative() ? NEVER : System.nanoTime() + ttl.toNanos();
        List<RegistryEvent> events = new ArrayList<>();
        synchronized (table) {
            for (Node node : service.nodes()) {
                Service entry = service.withNodes(List.of(node));
                StoredNode previous = table.put(key(service.name(), node), new StoredNode(entry, deadline));
                if (previous == null || previous.expired(System.nanoTime())) {
                    events.add(new RegistryEvent(RegistryEvent.Type.CREATE, entry));
                } else if (!previous.entry().equals(entry)) {
                    events.add(new RegistryEvent(RegistryEvent.Type.UPDATE, entry)); // a renewal alone is no event
                }
            }
        }
        publish(events);
    }

    @Override
    public void deregister(Service service) {
        List<RegistryEvent> events = new ArrayList<>();
        synchronized (table) {
            for (Node node : service.nodes()) {
                StoredNode removed = table.remove(key(service.name(), node));
                if (removed != null) {
                    events.add(new RegistryEvent(RegistryEvent.Type.DELETE, removed.entry()));
                }
            }
        }
        publish(events);
    }

    @Override
    public List<Service> getService(String name) {
        return ServiceVersions.merge(liveEntries(name + "/", name + "0")); // '0' follows '/': the keys of this service only
    }

    @Override
    public List<Service> listServices() {
        Map<String, List<Service>> byName = new LinkedHashMap<>();
        for (Service entry : liveEntries(null, null)) {
            byName.computeIfAbsent(entry.name(), name -> new ArrayList<>()).add(entry);
        }
        List<Service> services = new ArrayList<>();
        byName.values().forEach(entries -> ServiceVersions.merge(entries).forEach(s -> services.add(s.withNodes(List.of()))));
        return services;
    }

    @Override
    public Watch watch(String service, RegistryListener listener) {
        return listeners.add(service, listener);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        listeners.clear();
    }

    /** Removes the nodes whose TTL passed; their watchers hear DELETE. */
    void expire() {
        List<RegistryEvent> events = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (table) {
            table.values().removeIf(stored -> {
                if (stored.expired(now)) {
                    events.add(new RegistryEvent(RegistryEvent.Type.DELETE, stored.entry()));
                    return true;
                }
                return false;
            });
        }
        publish(events);
    }

    private List<Service> liveEntries(String from, String to) {
        long now = System.nanoTime();
        synchronized (table) {
            return (from == null ? table : table.subMap(from, true, to, false)).values().stream()
                    .filter(stored -> !stored.expired(now)).map(StoredNode::entry).toList();
        }
    }

    private void publish(List<RegistryEvent> events) {
        if (!events.isEmpty() && !listeners.isEmpty()) {
            worker.execute(() -> events.forEach(listeners::deliver));
        }
    }

    private static String key(String service, Node node) {
        return service + "/" + node.id();
    }
}
