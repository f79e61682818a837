package micro.core.internal.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.RegistryEvent;
import micro.api.registry.RegistryListener;
import micro.api.registry.Service;
import micro.api.registry.Watch;
import micro.core.internal.Threads;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry held in this process: nodes expire after their TTL, watchers hear every change.
 * Events are delivered in order on one thread of their own, never while the table is locked.
 * It ranks lowest ({@code service.ranking=-100}) so that any distributed registry installed beside it
 * takes over.
 */
@Component(service = Registry.class, configurationPid = "micro.registry.memory",
        property = { Registry.PROPERTY + "=memory", "service.ranking:Integer=-100" })
@Designate(ocd = MemoryRegistry.Config.class)
public final class MemoryRegistry implements Registry, AutoCloseable {

    @ObjectClassDefinition(name = "micro memory registry", description = "The registry held inside this process.")
    public @interface Config {
        @AttributeDefinition(name = "Sweep interval (ms)", description = "How often nodes whose TTL passed are removed.")
        long sweep_interval_ms() default 1000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(MemoryRegistry.class);

    private final ServiceTable table = new ServiceTable();
    private final List<WatchEntry> watches = new CopyOnWriteArrayList<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(Threads.daemon("micro-registry-events"));
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(Threads.daemon("micro-registry-ttl"));

    @Activate
    public MemoryRegistry(Config config) {
        this(Duration.ofMillis(config.sweep_interval_ms()));
    }

    public MemoryRegistry(Duration sweepInterval) {
        this(sweepInterval, System::nanoTime);
    }

    /** {@code nanoClock}: the time TTLs count in; a test turns it by hand. */
    MemoryRegistry(Duration sweepInterval, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        long millis = Math.max(10, sweepInterval.toMillis());
        sweeper.scheduleWithFixedDelay(this::expire, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void register(Service service, Duration ttl) {
        long expiresAt = ttl == null || ttl.isZero() || ttl.isNegative() ? Long.MAX_VALUE : nanoClock.getAsLong() + ttl.toNanos();
        List<RegistryEvent> changes;
        synchronized (table) {
            changes = table.put(service, expiresAt);
        }
        publish(changes);
    }

    @Override
    public void deregister(Service service) {
        List<RegistryEvent> changes;
        synchronized (table) {
            changes = table.remove(service);
        }
        publish(changes);
    }

    @Override
    public List<Service> getService(String name) {
        synchronized (table) {
            return table.get(name, nanoClock.getAsLong());
        }
    }

    @Override
    public List<Service> listServices() {
        synchronized (table) {
            return table.list();
        }
    }

    @Override
    public Watch watch(String service, RegistryListener listener) {
        WatchEntry entry = new WatchEntry(service, listener);
        watches.add(entry);
        return () -> watches.remove(entry);
    }

    /** Removes the nodes whose TTL passed and tells the watchers. */
    void expire() {
        List<RegistryEvent> changes;
        synchronized (table) {
            changes = table.expire(nanoClock.getAsLong());
        }
        publish(changes);
    }

    private void publish(List<RegistryEvent> changes) {
        if (changes.isEmpty() || watches.isEmpty()) {
            return;
        }
        events.execute(() -> {
            for (RegistryEvent event : changes) {
                for (WatchEntry watch : watches) {
                    watch.deliver(event);
                }
            }
        });
    }

    @Deactivate
    @Override
    public void close() {
        sweeper.shutdownNow();
        events.shutdown();
        watches.clear();
    }

    private record WatchEntry(String service, RegistryListener listener) {

        void deliver(RegistryEvent event) {
            if (service != null && !service.equals(event.service().name())) {
                return;
            }
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("registry watcher {} failed on {} of {}", listener, event.type(), event.service().name(), e);
            }
        }
    }

    /** Versions of services with their nodes and deadlines; not thread safe, guarded by the registry. */
    private static final class ServiceTable {

        private final Map<String, Map<String, Entry>> services = new LinkedHashMap<>();

        List<RegistryEvent> put(Service service, long expiresAt) {
            Map<String, Entry> versions = services.computeIfAbsent(service.name(), n -> new LinkedHashMap<>());
            Entry entry = versions.get(service.version());
            List<RegistryEvent> changes = new ArrayList<>(1);
            if (entry == null) {
                entry = new Entry(service.withNodes(List.of()));
                versions.put(service.version(), entry);
            }
            boolean described = !entry.template.equals(service.withNodes(List.of()));
            entry.template = service.withNodes(List.of());
            List<Node> created = new ArrayList<>();
            List<Node> updated = new ArrayList<>();
            for (Node node : service.nodes()) {
                Deadline previous = entry.nodes.put(node.id(), new Deadline(node, expiresAt));
                if (previous == null) {
                    created.add(node);
                } else if (described || !previous.node.equals(node)) {
                    updated.add(node);
                }
            }
            if (!created.isEmpty()) {
                changes.add(new RegistryEvent(RegistryEvent.Type.CREATE, entry.template.withNodes(created)));
            }
            if (!updated.isEmpty()) {
                changes.add(new RegistryEvent(RegistryEvent.Type.UPDATE, entry.template.withNodes(updated)));
            }
            return changes;
        }

        List<RegistryEvent> remove(Service service) {
            Map<String, Entry> versions = services.get(service.name());
            Entry entry = versions == null ? null : versions.get(service.version());
            if (entry == null) {
                return List.of();
            }
            List<Node> removed = new ArrayList<>();
            for (Node node : service.nodes()) {
                Deadline gone = entry.nodes.remove(node.id());
                if (gone != null) {
                    removed.add(gone.node);
                }
            }
            dropIfEmpty(service.name(), service.version());
            return removed.isEmpty() ? List.of()
                    : List.of(new RegistryEvent(RegistryEvent.Type.DELETE, entry.template.withNodes(removed)));
        }

        List<RegistryEvent> expire(long now) {
            List<RegistryEvent> changes = new ArrayList<>();
            for (Map<String, Entry> versions : List.copyOf(services.values())) {
                for (Entry entry : List.copyOf(versions.values())) {
                    List<Node> expired = new ArrayList<>();
                    entry.nodes.values().removeIf(deadline -> {
                        boolean over = deadline.expiresAt <= now;
                        if (over) {
                            expired.add(deadline.node);
                        }
                        return over;
                    });
                    if (!expired.isEmpty()) {
                        changes.add(new RegistryEvent(RegistryEvent.Type.DELETE, entry.template.withNodes(expired)));
                        dropIfEmpty(entry.template.name(), entry.template.version());
                    }
                }
            }
            return changes;
        }

        List<Service> get(String name, long now) {
            Map<String, Entry> versions = services.get(name);
            if (versions == null) {
                return List.of();
            }
            List<Service> result = new ArrayList<>(versions.size());
            for (Entry entry : versions.values()) {
                List<Node> live = new ArrayList<>(entry.nodes.size());
                for (Deadline deadline : entry.nodes.values()) {
                    if (deadline.expiresAt > now) {
                        live.add(deadline.node);
                    }
                }
                result.add(entry.template.withNodes(live));
            }
            return result;
        }

        List<Service> list() {
            List<Service> result = new ArrayList<>();
            for (Map<String, Entry> versions : services.values()) {
                for (Entry entry : versions.values()) {
                    result.add(entry.template);
                }
            }
            return result;
        }

        private void dropIfEmpty(String name, String version) {
            Map<String, Entry> versions = services.get(name);
            if (versions != null && versions.get(version) != null && versions.get(version).nodes.isEmpty()) {
                versions.remove(version);
                if (versions.isEmpty()) {
                    services.remove(name);
                }
            }
        }
    }

    private static final class Entry {
        Service template;
        final Map<String, Deadline> nodes = new LinkedHashMap<>();

        Entry(Service template) {
            this.template = template;
        }
    }

    private record Deadline(Node node, long expiresAt) {
    }
}
