package micro.core.internal.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import micro.api.MicroException;
import micro.api.codec.Codec;
import micro.api.registry.Registry;
import micro.api.registry.Service;
import micro.api.server.Server;
import micro.api.transport.Listener;
import micro.api.transport.Transport;
import micro.api.transport.TransportHandler;
import micro.api.wrapper.HandlerWrapper;
import micro.core.internal.codec.Codecs;
import micro.core.internal.listener.RegisterTimings;
import micro.core.internal.listener.RegisteredListener;
import micro.core.internal.local.LocalNodes;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
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
 * Serves every OSGi service that has the {@code micro.service} property over every transport bound
 * (or those configured), a node per transport, and keeps them registered in the best registry. The
 * registry is dynamic and greedy: a better one installed at run time takes over; a transport that
 * comes adds its nodes, one that goes takes its own. {@link ServerListeners} does the listening and
 * registering, this class says what is served and in which order a stop withdraws it.
 */
@Component(service = Server.class, configurationPid = DefaultServer.PID, immediate = true)
@Designate(ocd = DefaultServer.Config.class)
public final class DefaultServer implements Server {

    static final String PID = "micro.server";
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

        @AttributeDefinition(name = "Version", description = "The version of the services whose handlers name none "
                + "(micro.version); a service takes it when it is first served here.")
        String version() default "latest";

        @AttributeDefinition(name = "Node id", description = "A service's node registers as NAME-ID (go-micro's "
                + "--server_id); empty for a random id each. Taken when a service is first served here. Over a "
                + "transport other than http the node is NAME-ID-TRANSPORT.")
        String id() default "";

        @AttributeDefinition(name = "Transports", description = "The names of the transports to listen on (http, nats, "
                + "...); empty for every transport installed. Each gives every service a node of its own.")
        String[] transports() default {};
    }

    private volatile Config config;
    private volatile RegisterTimings timings;
    private final Codecs codecs = new Codecs();
    private final RequestDispatcher dispatcher = new RequestDispatcher(codecs);
    /** What a transport hands requests to: the dispatcher, behind go-micro's JSON-RPC envelope. */
    private final TransportHandler requests = new JsonRpcHandler(dispatcher, dispatcher::servicesWithEndpoint);
    private final ServedEntries entries;
    private final ServerListeners listeners;
    private final long started = System.currentTimeMillis();
    private final AtomicBoolean drainStarted = new AtomicBoolean();
    private final CountDownLatch drained = new CountDownLatch(1);
    /**
     * A framework stop tells synchronous listeners before it stops the first bundle, and waits for
     * them: the drain runs here with every transport, registry and client still up, so the calls
     * served meanwhile can still make calls of their own.
     */
    private final SynchronousBundleListener frameworkStop = event -> {
        if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() == 0) {
            withdrawAllAndDrain();
        }
    };
    private volatile boolean stopping; // the server drained everything already: handlers go without a drain each
    private volatile BundleContext context;
    private HandlerWhiteboard handlers;

    @Activate
    public DefaultServer(Config config, @Reference LocalNodes localNodes) {
        this.config = config;
        this.timings = RegisterTimings.of(PID, config.register_ttl(), config.register_interval(), RegisterTimings.DEFAULTS);
        this.entries = new ServedEntries(dispatcher.services(), config.metadata());
        LocalAddresses addresses = new LocalAddresses(localNodes);
        this.listeners = new ServerListeners(settings(config, timings), chosenTransports(config),
                settings -> new RegisteredListener(settings, this::listenWithStreams, entries, addresses));
    }

    /**
     * Applied live, nothing restarts: TTL, interval and metadata register every service again; a new
     * address opens a listener there and registers it before the old one closes (callers see the
     * node move, as in a transport swap); the drain period counts from the next stop.
     */
    @Modified
    void modified(Config changed) {
        RegisterTimings next = RegisterTimings.of(PID, changed.register_ttl(), changed.register_interval(), timings);
        config = changed;
        timings = next;
        entries.metadata(changed.metadata());
        listeners.reconfigure(settings(changed, next), chosenTransports(changed));
        LOG.info("micro server configuration applied (address {}, ttl {} s, interval {} s, transports {})",
                changed.address(), next.ttlSeconds(), next.intervalSeconds(),
                changed.transports().length == 0 ? "all" : String.join(", ", changed.transports()));
    }

    private static java.util.Set<String> chosenTransports(Config config) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (String name : config.transports()) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names;
    }

    private static RegisteredListener.Settings settings(Config config, RegisterTimings timings) {
        return new RegisteredListener.Settings("micro server", config.address(), config.advertise(), timings.ttl(),
                timings.interval());
    }

    private ServedService newService(String name, String declaredVersion) {
        Config current = config;
        String version = declaredVersion != null ? declaredVersion : current.version().isBlank() ? "latest" : current.version().trim();
        String id = current.id().isBlank() ? java.util.UUID.randomUUID().toString() : current.id().trim();
        return new ServedService(name, version, name + "-" + id, new DebugHandler(started));
    }

    @Activate
    void activate(BundleContext context) throws InvalidSyntaxException {
        this.context = context;
        context.addBundleListener(frameworkStop);
        listeners.listen();
        handlers = new HandlerWhiteboard(context, dispatcher.services(), new ServerPublication(), this::newService);
        handlers.open(true);
    }

    /**
     * Stops in the order that fails no call: deregister, serve on while callers' caches drop the
     * nodes ({@link Drain}), then let the handlers go and close the listener, which finishes the calls
     * in flight.
     */
    @Deactivate
    void deactivate() {
        try {
            context.removeBundleListener(frameworkStop);
        } catch (IllegalStateException e) {
            // the bundle is stopping: its listeners go with it
        }
        withdrawAllAndDrain();
        handlers.close();
        listeners.close();
    }

    // Multiple, dynamic: the server listens on every transport (or those configured), so a new one
    // adds nodes beside the old ones and one that leaves takes only its own; while none is bound the
    // server stays up (deregistered) instead of being deactivated with its handlers.
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeTransport")
    void addTransport(Transport transport, Map<String, Object> properties) {
        listeners.addTransport(transport, properties);
    }

    void removeTransport(Transport transport) {
        drainIfTheFrameworkStops();
        listeners.removeTransport(transport);
    }

    // Optional, dynamic + greedy: services move to a better registry as soon as it appears.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setRegistry(Registry registry) {
        listeners.setRegistry(registry);
    }

    void unsetRegistry(Registry registry) {
        drainIfTheFrameworkStops();
        listeners.unsetRegistry(registry);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCodec(Codec codec) {
        codecs.add(codec);
    }

    void removeCodec(Codec codec) {
        drainIfTheFrameworkStops();
        codecs.remove(codec);
    }

    // Handler wrappers join and leave the chain of the calls that start afterwards; none in flight changes.
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeHandlerWrapper", updated = "updatedHandlerWrapper")
    void addHandlerWrapper(HandlerWrapper wrapper, Map<String, Object> properties) {
        dispatcher.wrappers().add(wrapper, properties);
    }

    void updatedHandlerWrapper(HandlerWrapper wrapper, Map<String, Object> properties) {
        dispatcher.wrappers().add(wrapper, properties); // a new ranking moves it
    }

    void removeHandlerWrapper(HandlerWrapper wrapper) {
        dispatcher.wrappers().remove(wrapper);
    }

    @Override
    public String address() {
        RegisteredListener.Published at = listeners.best();
        return at.listener() == null ? null : at.address();
    }

    @Override
    public List<Service> services() {
        return listeners.merged(entries::all);
    }

    /** Streams where the transport carries them, unary calls only where it does not. */
    private Listener listenWithStreams(Transport target, String address) {
        try {
            return target.listen(address, requests, dispatcher);
        } catch (MicroException e) {
            if (e.code() != 501) {
                throw e;
            }
            return target.listen(address, requests);
        }
    }

    /**
     * A framework stop (SIGTERM of micro.jar, Karaf's shutdown) takes bundles in an order of its own:
     * the registry, the transport, a codec or a service may go before this server. {@link #frameworkStop}
     * drains before any of them goes; should a framework stop bundles without telling it first, whichever
     * goes first finds the framework stopping and withdraws and drains everything here.
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

    /**
     * Deregisters every service, serves on through the {@link Drain}, and marks the server stopping.
     * Done once; whoever asks while it runs waits for it, so nothing leaves before the drain ends.
     */
    private void withdrawAllAndDrain() {
        if (!drainStarted.compareAndSet(false, true)) {
            awaitDrained();
            return;
        }
        try {
            List<ServedService> served = List.copyOf(dispatcher.services().values());
            served.forEach(ServedService::withdraw); // first: a renewal from now on leaves them out
            listeners.deregisterAll();
            long begun = System.nanoTime();
            Drain.await(served, drainPeriod());
            LOG.info("stopping: {} services deregistered, served on for {} ms while callers caught up", served.size(),
                    (System.nanoTime() - begun) / 1_000_000);
        } finally {
            stopping = true;
            drained.countDown();
        }
    }

    private Duration drainPeriod() {
        return Duration.ofMillis(Math.max(0, config.drain_ms()));
    }

    private void awaitDrained() {
        try {
            drained.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Calls from this host's client to the address it registers skip the transport (see LocalNodes). */
    private final class LocalAddresses implements RegisteredListener.Addresses {
        private final LocalNodes localNodes;

        LocalAddresses(LocalNodes localNodes) {
            this.localNodes = localNodes;
        }

        @Override
        public void opened(String address) {
            localNodes.add(address, dispatcher);
        }

        @Override
        public void closed(String address) {
            localNodes.remove(address, dispatcher);
        }
    }

    /** The server as the handler whiteboard sees it. */
    private final class ServerPublication implements HandlerWhiteboard.Publication {
        @Override
        public boolean published() {
            return listeners.registrable();
        }

        @Override
        public void register(ServedService service) {
            // Described when the registration runs: a service gone or withdrawn by then is skipped.
            listeners.register(at -> entries.ifServed(service, at));
        }

        @Override
        public void deregister(ServedService service) {
            listeners.deregister(at -> entries.describe(service, at));
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
