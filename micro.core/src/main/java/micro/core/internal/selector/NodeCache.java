package micro.core.internal.selector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import micro.api.MicroException;
import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.RegistryEvent;
import micro.api.registry.Service;
import micro.api.registry.Watch;

/**
 * The nodes of each service as last read from one registry. A watch on the registry marks the entry
 * of a service that changed as stale, so the next call reads it again: a lookup costs a registry round
 * trip once per change, not once per call. When the registry cannot be reached, a stale entry is
 * still served: calls go on while the registry is away.
 */
final class NodeCache implements AutoCloseable {

    /** A service the registry does not know. */
    static final List<Node> UNKNOWN = Collections.unmodifiableList(new ArrayList<>());

    /**
     * How long last known nodes stand in when the registry has none: nodes inherited from the registry
     * before a swap, not registered in the new one yet; or nodes whose leases all expired at once
     * (a registry frozen longer than the TTL expires every lease when it resumes, while the nodes
     * still answer and re-register within moments).
     */
    static final Duration STAND_IN = Duration.ofSeconds(10);

    /**
     * Cached nodes; {@code standInUntil} is non-zero for last known nodes the registry does not list.
     * Inherited ones (a swap) are read again at every call, since the new registry may not have sent
     * an event yet; expired ones at the next event about the service.
     */
    private record Entry(Versions known, boolean stale, long standInUntil, boolean inherited) {

        List<Node> nodes() {
            return known.nodes();
        }

        boolean standingIn() {
            return standInUntil != 0 && System.nanoTime() - standInUntil < 0;
        }
    }

    /** The versions of a service as read, and their nodes in one list, made once per read, not per call. */
    private record Versions(List<Service> services, List<Node> nodes) {

        static final Versions NONE = new Versions(List.of(), UNKNOWN);

        Versions(List<Service> services) {
            this(List.copyOf(services), flatten(services, service -> true));
        }

        List<Node> accepted(Predicate<Service> filter) {
            return flatten(services, filter);
        }

        private static List<Node> flatten(List<Service> services, Predicate<Service> filter) {
            List<Node> all = new ArrayList<>();
            for (Service version : services) {
                if (filter.test(version)) {
                    all.addAll(version.nodes());
                }
            }
            return List.copyOf(all);
        }
    }

    private final Registry registry;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Watch watch;
    private final Consumer<Node> registeredAnew;

    NodeCache(Registry registry) {
        this(registry, null, node -> {
        });
    }

    /**
     * A cache of {@code registry} that starts with what {@code previous} knew, marked stale: during a
     * registry swap, servers re-register in the new registry while clients already look there, and
     * the nodes known a moment ago answer meanwhile, for at most {@link #STAND_IN}. Nodes the watch
     * reports as newly registered go to {@code registeredAnew}.
     */
    NodeCache(Registry registry, NodeCache previous, Consumer<Node> registeredAnew) {
        this.registry = registry;
        this.registeredAnew = registeredAnew;
        if (previous != null) {
            long until = System.nanoTime() + STAND_IN.toNanos();
            previous.entries.forEach((name, entry) -> entries.put(name, new Entry(entry.known(), true, until, true)));
        }
        this.watch = registry.watch(null, this::onEvent);
    }

    /**
     * The live nodes of {@code service}, {@link #UNKNOWN} (by identity) when it does not exist. Unknown
     * names are not cached: a service registered a moment later must be found without waiting for the
     * watch, which matters while a registry swap or a reconnecting watch is under way.
     *
     * @throws MicroException 503 naming the registry when it fails and nothing is cached
     */
    List<Node> nodes(String service) {
        return versions(service).nodes();
    }

    /**
     * The live nodes of the versions of {@code service} that {@code filter} accepts (null: all);
     * {@link #UNKNOWN} when the service does not exist, empty when no version is accepted.
     */
    List<Node> nodes(String service, Predicate<Service> filter) {
        Versions known = versions(service);
        return filter == null || known.nodes() == UNKNOWN ? known.nodes() : known.accepted(filter);
    }

    private Versions versions(String service) {
        Entry cached = entries.get(service);
        if (cached != null && !cached.stale() && (cached.standInUntil() == 0 || cached.standingIn())) {
            return cached.known();
        }
        Versions loaded;
        try {
            loaded = load(service);
        } catch (RuntimeException e) {
            if (cached != null) {
                return cached.known(); // the registry is away: last known nodes beat no nodes
            }
            // Say which registry failed: "no node available" would send the operator to the services.
            throw MicroException.unavailable("micro.selector", "registry " + registry.name() + " cannot be read for "
                    + service + ": " + (e instanceof MicroException micro ? micro.detail() : String.valueOf(e.getMessage())));
        }
        if (loaded.nodes() == UNKNOWN || loaded.nodes().isEmpty()) {
            if (cached != null && cached.standingIn()) {
                // A swap or a burst of expiries is under way: the nodes still answer. Read again at the
                // next event about the service, not at every call.
                if (!cached.inherited()) {
                    entries.replace(service, cached, new Entry(cached.known(), false, cached.standInUntil(), false));
                }
                return cached.known();
            }
            if (cached != null && cached.standInUntil() == 0 && !cached.nodes().isEmpty()) {
                entries.put(service, new Entry(cached.known(), false, System.nanoTime() + STAND_IN.toNanos(), false));
                return cached.known();
            }
            entries.remove(service, cached);
            return loaded;
        }
        entries.put(service, new Entry(loaded, false, 0, false));
        return loaded;
    }

    boolean isFor(Registry candidate) {
        return registry == candidate;
    }

    void invalidate(String service) {
        entries.remove(service);
    }

    private Versions load(String service) {
        List<Service> versions = registry.getService(service);
        return versions.isEmpty() ? Versions.NONE : new Versions(versions);
    }

    private void onEvent(RegistryEvent event) {
        if (event.type() == RegistryEvent.Type.CREATE) {
            event.service().nodes().forEach(registeredAnew);
        }
        entries.computeIfPresent(event.service().name(), (name, entry) -> new Entry(entry.known(), true, entry.standInUntil(),
                entry.inherited()));
    }

    @Override
    public void close() {
        watch.close();
        entries.clear();
    }
}
