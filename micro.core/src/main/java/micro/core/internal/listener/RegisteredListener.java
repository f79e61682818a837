package micro.core.internal.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Function;

import micro.api.registry.Registry;
import micro.api.registry.Service;
import micro.api.transport.Listener;
import micro.api.transport.Transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener on the best transport whose entries are registered in the best registry and kept
 * registered: what the server and the http broker share. The owner says how to listen and what its
 * entries are; this class follows transport and registry swaps (a new listener registers before the
 * old one closes), renews every interval and deregisters before it closes.
 * <p>
 * Everything that talks to a transport or a registry runs on one worker thread, in the order it was
 * asked for: no lock is ever held over network I/O, and readers ({@link #published()}, the broker's
 * publish path) take none. Callers wait for their task, so a bind method returns with its change made.
 * Entries are described when the task runs, not when it was asked for, so two tasks racing each other
 * still leave the registry as the owner's state is.
 */
public final class RegisteredListener {

    private static final Logger LOG = LoggerFactory.getLogger(RegisteredListener.class);

    /** Where the entries are published right now; any part may be missing. */
    public record Published(Transport transport, Listener listener, Registry registry, String address) {
        static final Published NOTHING = new Published(null, null, null, null);

        /** Listening with a registry: entries can be registered. */
        public boolean registrable() {
            return listener != null && registry != null;
        }
    }

    /** How the owner listens (the server with streams where the transport has them, the broker without). */
    @FunctionalInterface
    public interface Opener {
        Listener open(Transport transport, String address);
    }

    /** The owner's entries as registered at {@code at}: described afresh at every registration. */
    @FunctionalInterface
    public interface Entries {
        /** Every entry, those withdrawn for a drain included: what deregistering removes. */
        List<Service> all(Published at);

        /** The entries to keep registered; all of them unless some are withdrawn. */
        default List<Service> registered(Published at) {
            return all(at);
        }
    }

    /** Told when a listener opens and closes (the server keeps {@code LocalNodes} with it). */
    public interface Addresses {
        Addresses NONE = new Addresses() {
            @Override
            public void opened(String address) {
            }

            @Override
            public void closed(String address) {
            }
        };

        void opened(String address);

        void closed(String address);
    }

    /**
     * @param owner names the owner in logs and in the worker thread's name
     * @param address host:port to listen on, port 0 for a free one
     * @param advertise registered instead of a host:port listen address; blank for the listen address
     */
    public record Settings(String owner, String address, String advertise, Duration ttl, Duration interval) {
        boolean fixedPort() {
            return !address.endsWith(":0");
        }
    }

    /** How long an old listener serves on after its node was registered at a new one. */
    static final Duration HANDOVER = Duration.ofMillis(500);

    private volatile Settings settings; // replaced on the worker only
    private final Opener opener;
    private final Entries entries;
    private final Addresses addresses;
    private final RegistrationFailures failures;
    private final SerialWorker worker;
    private ScheduledFuture<?> renewals; // worker only, after construction
    private volatile Published current = Published.NOTHING;
    private boolean wanted; // worker only: listen whenever a transport is there

    public RegisteredListener(Settings settings, Opener opener, Entries entries, Addresses addresses) {
        this.settings = settings;
        this.opener = opener;
        this.entries = entries;
        this.addresses = addresses;
        this.failures = new RegistrationFailures(settings.owner());
        this.worker = new SerialWorker(settings.owner().replace(' ', '-') + "-registrations");
        renewals = worker.every(settings.interval(), this::renew);
    }

    /**
     * Applied live: a new TTL or metadata registers every entry again, a new interval reschedules the
     * renewals, and a new address or advertised address opens a listener there, registers it and then
     * closes the old one, as a transport swap does.
     */
    public void reconfigure(Settings next) {
        worker.run(() -> {
            Settings last = settings;
            settings = next;
            if (!next.interval().equals(last.interval())) {
                renewals.cancel(false);
                renewals = worker.every(next.interval(), this::renew);
            }
            boolean moved = !next.address().equals(last.address()) || !next.advertise().equals(last.advertise());
            if (moved && current.listener() != null) {
                swapTo(current.transport());
            } else {
                registerAll();
            }
        });
    }

    /** A snapshot for readers; never blocks. */
    public Published published() {
        return current;
    }

    /** Listens from now on whenever a transport is bound (the broker asks at its first subscription). */
    public void listen() {
        worker.run(() -> {
            wanted = true;
            if (current.listener() == null && current.transport() != null) {
                swapTo(current.transport());
            }
        });
    }

    public void setTransport(Transport transport) {
        worker.run(() -> {
            if (wanted) {
                swapTo(transport);
            } else {
                current = with(transport, current.listener(), current.registry());
            }
        });
    }

    public void unsetTransport(Transport transport) {
        worker.run(() -> {
            if (current.transport() == transport) {
                closeListener();
                current = with(null, null, current.registry());
            }
        });
    }

    /** Entries move to the better registry: registered there first, then removed from the old one. */
    public void setRegistry(Registry registry) {
        worker.run(() -> {
            Published old = current;
            current = with(old.transport(), old.listener(), registry);
            registerAll();
            if (old.registrable() && old.registry() != registry) {
                deregisterAll(old);
            }
        });
    }

    public void unsetRegistry(Registry registry) {
        worker.run(() -> {
            if (current.registry() == registry) {
                deregisterAll(current);
                current = with(current.transport(), current.listener(), null);
            }
        });
    }

    /** Registers one entry, described when it runs; an entry function may answer null to skip. */
    public void register(Function<Published, Service> entry) {
        withEntry(entry, (registry, described) -> failures.register(registry, described, settings.ttl()));
    }

    /** Deregisters one entry, described when it runs; null skips (it came back meanwhile). */
    public void deregister(Function<Published, Service> entry) {
        withEntry(entry, failures::deregister);
    }

    /** Registers every entry again now (renewals do so every interval). */
    public void registerAll() {
        worker.run(() -> {
            Published at = current;
            if (at.registrable()) {
                for (Service entry : entries.registered(at)) {
                    failures.register(at.registry(), entry, settings.ttl());
                }
            }
        });
    }

    /** Deregisters every entry, keeping the listener open (the start of a drain). */
    public void deregisterAll() {
        worker.run(() -> deregisterAll(current));
    }

    /** Deregisters, closes the listener (which finishes the calls in flight) and stops renewing. */
    public void close() {
        worker.stopAfter(this::closeListener);
    }

    // --- on the worker ---

    private void withEntry(Function<Published, Service> entry, BiConsumer<Registry, Service> action) {
        worker.run(() -> {
            Published at = current;
            Service described = at.registrable() ? entry.apply(at) : null;
            if (described != null) {
                action.accept(at.registry(), described);
            }
        });
    }

    private void renew() {
        try {
            registerAll();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: a renewal must not.
            LOG.warn("{} could not renew its registrations: {}", settings.owner(), e.toString());
        }
    }

    private void swapTo(Transport transport) {
        Published old = current;
        if (old.listener() != null && settings.fixedPort() && samePort(old.listener().address(), settings.address())) {
            closeListener(); // the new listener needs the port: a gap no caller can be spared
            old = current;
        }
        Listener fresh = open(transport);
        if (fresh == null) {
            closeListener();
            current = with(transport, null, current.registry());
            return;
        }
        if (old.listener() != null) {
            addresses.closed(old.address());
        }
        current = with(transport, fresh, old.registry());
        addresses.opened(current.address());
        registerAll(); // same node ids at the new address: watchers see an update
        if (old.listener() != null) {
            // Callers whose view still names the old address are a watch event away from the new one:
            // serve them a moment longer rather than refuse them (20 moves under 16 callers, closed at
            // once, timed some calls out).
            LockSupport.parkNanos(HANDOVER.toNanos());
            old.listener().close(); // drains the calls in flight
        }
    }

    /**
     * Whether a listener on {@code next} would need the port {@code listening} holds. Only then must
     * the old listener close first; a move to another port opens the new one before the old closes.
     */
    private static boolean samePort(String listening, String next) {
        return listening.substring(listening.lastIndexOf(':') + 1).equals(next.substring(next.lastIndexOf(':') + 1));
    }

    private Listener open(Transport transport) {
        try {
            Listener opened = opener.open(transport, settings.address());
            LOG.info("{} listening on {} (transport {})", settings.owner(), opened.address(), transport.name());
            return opened;
        } catch (RuntimeException e) {
            LOG.error("{} cannot listen on {} with transport {}: {}", settings.owner(), settings.address(), transport.name(),
                    e.getMessage());
            return null;
        }
    }

    private void closeListener() {
        Published at = current;
        if (at.listener() == null) {
            return;
        }
        deregisterAll(at);
        addresses.closed(at.address());
        current = with(at.transport(), null, at.registry());
        at.listener().close();
    }

    private void deregisterAll(Published at) {
        if (at.registrable()) {
            for (Service entry : entries.all(at)) {
                failures.deregister(at.registry(), entry);
            }
        }
    }

    private Published with(Transport transport, Listener listener, Registry registry) {
        String address = listener == null ? null : advertises(listener) ? settings.advertise() : listener.address();
        return new Published(transport, listener, registry, address);
    }

    /**
     * The advertised host:port stands in for a listener on a host:port (behind NAT, in a container);
     * a listener on a name (a NATS subject) is reached by that name wherever it runs.
     */
    private boolean advertises(Listener listener) {
        return !settings.advertise().isBlank() && listener.address().contains(":");
    }
}
