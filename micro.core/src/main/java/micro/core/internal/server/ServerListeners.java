package micro.core.internal.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.Service;
import micro.api.transport.Transport;
import micro.core.internal.listener.RegisteredListener;

/**
 * The server's listeners: one {@link RegisteredListener} per transport it listens on, so a host
 * serves over http and nats together and a transport swap needs no handover (install the new one:
 * its nodes register beside the old ones; remove the old one: its nodes deregister, then close).
 * Every listener registers in the same registry; {@code only} names the transports to listen on
 * (empty: every one bound). The best-ranked listener's address is the server's address.
 * <p>
 * Binds and configuration changes are serialized here (they wait on the listeners' workers, as a
 * single listener's binds did); registrations and readers take no lock.
 */
final class ServerListeners {

    /** Makes the listener of one transport, with the owner's entries and addresses. */
    @FunctionalInterface
    interface Factory {
        RegisteredListener create(RegisteredListener.Settings settings);
    }

    /** A bound transport, ordered by ranking (highest first), then by service id (oldest first). */
    private record Bound(Transport transport, int ranking, long serviceId) {
        static final Comparator<Bound> BEST_FIRST = Comparator.comparingInt(Bound::ranking).reversed()
                .thenComparingLong(Bound::serviceId);
    }

    /** A listener and the transport it listens on. */
    private record Listening(Bound bound, RegisteredListener listener) {
    }

    private final Factory factory;
    private final List<Bound> bound = new ArrayList<>(); // guarded by this
    private final CopyOnWriteArrayList<Listening> listening = new CopyOnWriteArrayList<>(); // best first
    private RegisteredListener.Settings settings; // guarded by this
    private Set<String> only; // guarded by this
    private Registry registry; // guarded by this
    private boolean listen; // guarded by this

    ServerListeners(RegisteredListener.Settings settings, Set<String> only, Factory factory) {
        this.settings = settings;
        this.only = only;
        this.factory = factory;
    }

    /** Listens from now on on every transport bound and chosen. */
    synchronized void listen() {
        listen = true;
        reconcile();
    }

    synchronized void addTransport(Transport transport, Map<String, Object> properties) {
        bound.add(new Bound(transport, ranking(properties), serviceId(properties)));
        bound.sort(Bound.BEST_FIRST);
        reconcile();
    }

    synchronized void removeTransport(Transport transport) {
        bound.removeIf(b -> b.transport() == transport);
        reconcile();
    }

    synchronized void setRegistry(Registry next) {
        registry = next;
        listening.forEach(l -> l.listener().setRegistry(next));
    }

    synchronized void unsetRegistry(Registry gone) {
        if (registry == gone) {
            registry = null;
        }
        listening.forEach(l -> l.listener().unsetRegistry(gone));
    }

    /** New settings for every listener, and a new choice of transports: listeners open and close to match. */
    synchronized void reconfigure(RegisteredListener.Settings next, Set<String> chosen) {
        settings = next;
        only = chosen;
        listening.forEach(l -> l.listener().reconfigure(settings));
        reconcile();
    }

    /** Where the best listener publishes, or nothing while none listens. */
    RegisteredListener.Published best() {
        for (Listening l : listening) {
            RegisteredListener.Published at = l.listener().published();
            if (at.listener() != null) {
                return at;
            }
        }
        return listening.isEmpty() ? new RegisteredListener.Published(null, null, null, null)
                : listening.get(0).listener().published();
    }

    /** Where each listener publishes, best first. */
    List<RegisteredListener.Published> all() {
        return listening.stream().map(l -> l.listener().published()).toList();
    }

    /** Whether any listener can register entries now. */
    boolean registrable() {
        return listening.stream().anyMatch(l -> l.listener().published().registrable());
    }

    /** Registers one entry at every listener, described there when the registration runs. */
    void register(Function<RegisteredListener.Published, Service> entry) {
        listening.forEach(l -> l.listener().register(entry));
    }

    void deregister(Function<RegisteredListener.Published, Service> entry) {
        listening.forEach(l -> l.listener().deregister(entry));
    }

    /** Deregisters every entry at every listener, which stay open (the start of a drain). */
    void deregisterAll() {
        listening.forEach(l -> l.listener().deregisterAll());
    }

    /** Deregisters and closes every listener. */
    synchronized void close() {
        listen = false;
        List<Listening> closing = List.copyOf(listening);
        listening.clear();
        closing.forEach(l -> l.listener().close());
    }

    /**
     * The entries of every listener merged per service: one entry with a node per transport.
     * {@code describe} gives the entries at one listener.
     */
    List<Service> merged(Function<RegisteredListener.Published, List<Service>> describe) {
        Map<String, Service> byName = new LinkedHashMap<>();
        for (RegisteredListener.Published at : all()) {
            if (at.listener() == null) {
                continue;
            }
            for (Service entry : describe.apply(at)) {
                byName.merge(entry.name(), entry, ServerListeners::withNodesOf);
            }
        }
        return List.copyOf(byName.values());
    }

    private static Service withNodesOf(Service first, Service second) {
        List<Node> nodes = new ArrayList<>(first.nodes());
        nodes.addAll(second.nodes());
        return new Service(first.name(), first.version(), first.metadata(), first.endpoints(), nodes);
    }

    // --- guarded by this ---

    /** Opens a listener for each chosen transport that has none, closes those of the others. */
    private void reconcile() {
        List<Bound> wanted = listen ? bound.stream().filter(b -> chosen(b.transport())).toList() : List.of();
        for (Listening l : List.copyOf(listening)) {
            if (!wanted.contains(l.bound())) {
                listening.remove(l);
                l.listener().close(); // deregisters first, then finishes the calls in flight
            }
        }
        for (Bound b : wanted) {
            if (listening.stream().noneMatch(l -> l.bound().equals(b))) {
                RegisteredListener opened = factory.create(settings);
                if (registry != null) {
                    opened.setRegistry(registry);
                }
                opened.setTransport(b.transport());
                opened.listen();
                listening.add(new Listening(b, opened));
            }
        }
        List<Listening> ordered = new ArrayList<>(listening);
        ordered.sort(Comparator.comparing(Listening::bound, Bound.BEST_FIRST));
        if (!ordered.equals(listening)) {
            listening.clear();
            listening.addAll(ordered);
        }
    }

    private boolean chosen(Transport transport) {
        return only.isEmpty() || only.contains(transport.name());
    }



    private static int ranking(Map<String, Object> properties) {
        return properties.get(org.osgi.framework.Constants.SERVICE_RANKING) instanceof Integer ranking ? ranking : 0;
    }

    private static long serviceId(Map<String, Object> properties) {
        return properties.get(org.osgi.framework.Constants.SERVICE_ID) instanceof Long id ? id : Long.MAX_VALUE;
    }
}
