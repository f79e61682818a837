package micro.core.internal.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import micro.api.MicroException;
import micro.api.codec.Codec;
import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.Service;
import micro.api.server.Server;
import micro.api.transport.Listener;
import micro.api.transport.Transport;
import micro.core.internal.Threads;
import micro.core.internal.codec.Codecs;
import micro.core.internal.local.LocalNodes;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every OSGi service that has the {@code micro.service} property over the best transport, and
 * keeps it registered in the best registry. Transport and registry are dynamic and greedy: a better
 * one installed at run time takes over (new listener first, then the old one drains and closes).
 */
@Component(service = Server.class, configurationPid = "micro.server", immediate = true)
@Designate(ocd = DefaultServer.Config.class)
public final class DefaultServer implements Server {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultServer.class);

    @ObjectClassDefinition(name = "micro server", description = "Where services listen and how they register.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "host:port to listen on; port 0 picks a free one.")
        String address() default "127.0.0.1:0";

        @AttributeDefinition(name = "Advertise", description = "host:port registered instead of the listen address; empty for the listen address.")
        String advertise() default "";

        @AttributeDefinition(name = "Register TTL (s)", description = "How long a registration lives without renewal.")
        long register_ttl() default 60;

        @AttributeDefinition(name = "Register interval (s)", description = "How often registrations are renewed.")
        long register_interval() default 30;

        @AttributeDefinition(name = "Metadata", description = "key=value pairs added to every node.")
        String[] metadata() default {};

        @AttributeDefinition(name = "Stop drain (ms)", description = "After a stop deregisters a service, how long it "
                + "still serves callers whose caches name it; ends earlier once no call came for 250 ms.")
        long drain_ms() default 2000;
    }

    private final Config config;
    private final Codecs codecs = new Codecs();
    private final RequestDispatcher dispatcher = new RequestDispatcher(codecs);
    private final Registrations registrations;
    private final long renewalSeconds;
    private final long started = System.currentTimeMillis();
    private final Object lock = new Object();

    // Guarded by lock.
    private Transport transport;
    private Listener listener;
    private Registry registry;
    private boolean active;
    private volatile boolean stopping; // the server drained everything already: handlers go without a drain each
    private volatile BundleContext context;
    private ScheduledExecutorService renewals;
    private HandlerWhiteboard handlers;

    private final LocalNodes localNodes;

    @Activate
    public DefaultServer(Config config, @Reference LocalNodes localNodes) {
        this.config = config;
        this.localNodes = localNodes;
        ServerTimings timings = ServerTimings.of(config);
        this.renewalSeconds = timings.intervalSeconds();
        this.registrations = new Registrations(Duration.ofSeconds(timings.ttlSeconds()));
    }

    @Activate
    void activate(BundleContext context) throws InvalidSyntaxException {
        this.context = context;
        synchronized (lock) {
            active = true;
            listener = transport == null ? null : open(transport);
            addLocal();
            registerAll();
        }
        handlers = new HandlerWhiteboard(context, dispatcher.services(), lock, new ServerPublication(), started);
        handlers.open(true);
        renewals = Executors.newSingleThreadScheduledExecutor(Threads.daemon("micro-server-register"));
        renewals.scheduleWithFixedDelay(this::renew, renewalSeconds, renewalSeconds, TimeUnit.SECONDS);
    }

    /**
     * Stops in the order that fails no call: deregister, serve on while callers' caches drop the
     * nodes ({@link Drain}), then let the handlers go and close the listener, which finishes the calls
     * in flight.
     */
    @Deactivate
    void deactivate() {
        renewals.shutdownNow();
        withdrawAllAndDrain();
        handlers.close();
        synchronized (lock) {
            active = false;
            closeListener();
        }
    }

    // Optional, dynamic + greedy: a better transport takes over without restart, and while none is
    // bound the server stays up (deregistered) instead of being deactivated with its handlers.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setTransport(Transport newTransport) {
        synchronized (lock) {
            transport = newTransport;
            if (!active) {
                return;
            }
            if (listener != null && hasFixedPort()) {
                closeListener(); // the new listener needs the port
            }
            Listener old = listener;
            Listener fresh = open(newTransport);
            if (fresh == null) {
                closeListener();
                return;
            }
            removeLocal(old);
            listener = fresh;
            addLocal();
            registerAll(); // same node ids at the new address: watchers see an update
            if (old != null) {
                old.close(); // drains the calls in flight
            }
        }
    }

    void unsetTransport(Transport oldTransport) {
        drainIfTheFrameworkStops();
        synchronized (lock) {
            if (transport == oldTransport) {
                closeListener();
                transport = null;
            }
        }
    }

    // Optional, dynamic + greedy: services move to a better registry as soon as it appears.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setRegistry(Registry newRegistry) {
        synchronized (lock) {
            Registry old = registry;
            registry = newRegistry;
            if (listener != null) {
                registerAll();
                if (old != null) {
                    registrations.deregisterAll(old, dispatcher.services().values(), advertised(), metadata());
                }
            }
        }
    }

    void unsetRegistry(Registry oldRegistry) {
        drainIfTheFrameworkStops();
        synchronized (lock) {
            if (registry == oldRegistry) {
                deregisterAll();
                registry = null;
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCodec(Codec codec) {
        codecs.add(codec);
    }

    void removeCodec(Codec codec) {
        drainIfTheFrameworkStops();
        codecs.remove(codec);
    }

    @Override
    public String address() {
        synchronized (lock) {
            return listener == null ? null : advertised();
        }
    }

    @Override
    public List<Service> services() {
        synchronized (lock) {
            List<Service> described = new ArrayList<>();
            String address = listener == null ? "" : advertised();
            for (ServedService service : dispatcher.services().values()) {
                described.add(service.describe(address, metadata()));
            }
            return described;
        }
    }

    private void renew() {
        synchronized (lock) {
            registerAll();
        }
    }

    private Listener open(Transport target) {
        try {
            Listener opened = listenWithStreams(target);
            LOG.info("micro server listening on {} (transport {})", opened.address(), target.name());
            return opened;
        } catch (RuntimeException e) {
            LOG.error("cannot listen on {} with transport {}: {}", config.address(), target.name(), e.getMessage());
            return null;
        }
    }

    /** Streams where the transport carries them, unary calls only where it does not. */
    private Listener listenWithStreams(Transport target) {
        try {
            return target.listen(config.address(), dispatcher, dispatcher);
        } catch (MicroException e) {
            if (e.code() != 501) {
                throw e;
            }
            return target.listen(config.address(), dispatcher);
        }
    }

    private void registerAll() {
        if (listener != null && registry != null) {
            List<ServedService> registered = dispatcher.services().values().stream().filter(s -> !s.withdrawn()).toList();
            registrations.registerAll(registry, registered, advertised(), metadata());
        }
    }

    private void closeListener() {
        if (listener != null) {
            deregisterAll();
            Listener closing = listener;
            removeLocal(closing);
            listener = null;
            closing.close();
        }
    }

    private void deregisterAll() {
        if (registry != null && listener != null) {
            registrations.deregisterAll(registry, dispatcher.services().values(), advertised(), metadata());
        }
    }

    /** Calls from this host's client to the address it registers skip the transport (see LocalNodes). */
    private void addLocal() {
        if (listener != null) {
            localNodes.add(advertised(), dispatcher);
        }
    }

    private void removeLocal(Listener closing) {
        if (closing != null) {
            localNodes.remove(advertised(closing), dispatcher);
        }
    }

    /**
     * A framework stop (SIGTERM of micro.jar, Karaf's shutdown) takes bundles in an order of its own:
     * the registry, the transport, a codec or a service may go before this server. Whichever goes first
     * finds the framework stopping and withdraws and drains everything, while all the rest is still up.
     */
    private void drainIfTheFrameworkStops() {
        BundleContext own = context;
        if (stopping || own == null) {
            return;
        }
        try {
            if (own.getBundle(0).getState() == org.osgi.framework.Bundle.STOPPING) {
                withdrawAllAndDrain();
            }
        } catch (IllegalStateException e) {
            // our context is already invalid: nothing left to drain for
        }
    }

    /** Deregisters every service, serves on through the {@link Drain}, and marks the server stopping. */
    private void withdrawAllAndDrain() {
        if (stopping) {
            return;
        }
        List<ServedService> served;
        synchronized (lock) {
            if (stopping) {
                return;
            }
            deregisterAll();
            served = List.copyOf(dispatcher.services().values());
            served.forEach(ServedService::withdraw);
        }
        long started = System.nanoTime();
        Drain.await(served, drainPeriod());
        stopping = true;
        LOG.info("stopping: {} services deregistered, served on for {} ms while callers caught up", served.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private Duration drainPeriod() {
        return Duration.ofMillis(Math.max(0, config.drain_ms()));
    }

    private boolean hasFixedPort() {
        return !config.address().endsWith(":0");
    }

    private String advertised() {
        return advertised(listener);
    }

    private String advertised(Listener of) {
        return config.advertise().isBlank() ? of.address() : config.advertise();
    }

    private Map<String, String> metadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String pair : config.metadata()) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                metadata.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        metadata.put(Node.TRANSPORT, transport == null ? "" : transport.name());
        metadata.put("registry", registry == null ? "" : registry.name());
        metadata.put("server", "micro.core");
        return metadata;
    }

    /** The server as the handler whiteboard sees it; called under the server's lock where it says so. */
    private final class ServerPublication implements HandlerWhiteboard.Publication {
        @Override
        public boolean published() {
            return listener != null && registry != null;
        }

        @Override
        public void register(ServedService service) {
            if (published()) {
                registrations.register(registry, service, advertised(), metadata());
            }
        }

        @Override
        public void deregister(ServedService service) {
            if (published()) {
                registrations.deregister(registry, service, advertised(), metadata());
            }
        }

        @Override
        public boolean stopping() {
            return stopping;
        }

        @Override
        public void beforeAHandlerLeaves() {
            drainIfTheFrameworkStops();
        }

        @Override
        public Duration drainPeriod() {
            return DefaultServer.this.drainPeriod();
        }
    }
}
