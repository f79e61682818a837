package micro.sidecar.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import micro.api.broker.Broker;
import micro.api.client.Client;
import micro.api.edge.Edge;
import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.Service;
import micro.edge.http.BodyReader;
import micro.edge.http.Cors;
import micro.edge.http.EdgeErrors;
import micro.edge.http.EdgeServer;
import micro.edge.http.EdgeStats;
import micro.edge.http.JsonBodies;
import micro.edge.http.PathCallHandler;
import micro.edge.http.PathResolver;
import micro.edge.http.Reconfiguration;
import micro.edge.http.Registrations;
import micro.edge.http.RpcCallHandler;
import micro.edge.http.Upstream;

import org.eclipse.jetty.server.Handler;
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
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar, micro's bridge for apps in any language: over plain HTTP on localhost an app registers
 * (and is kept registered and health-checked), calls services, publishes and subscribes. It registers
 * itself as service {@code micro.sidecar}.
 */
@Component(service = Edge.class, configurationPid = "micro.sidecar", immediate = true,
        property = Edge.NAME + "=" + Edge.SIDECAR)
@Designate(ocd = Sidecar.Config.class)
public final class Sidecar implements Edge {

    static final EdgeErrors ERRORS = new EdgeErrors("micro.sidecar");
    static final String SERVICE = "micro.sidecar";

    private static final Logger LOG = LoggerFactory.getLogger(Sidecar.class);

    @ObjectClassDefinition(name = "micro sidecar", description = "Apps in any language join the system over HTTP.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "host:port the sidecar listens on.")
        String address() default "127.0.0.1:8081";

        @AttributeDefinition(name = "Namespace", description = "Prefix of the services POST /SERVICE/ENDPOINT paths name.")
        String namespace() default "micro.srv";

        @AttributeDefinition(name = "Apps", description = "Apps to register and keep healthy: NAME=HOST:PORT[,health=URL].")
        String[] apps() default {};

        @AttributeDefinition(name = "App mode", description = "direct: apps serve micro's HTTP wire format at their address; "
                + "forward: the sidecar is their node and forwards each call as POST http://APP/Service/Method.", options = {
                @Option(label = "direct", value = "direct"), @Option(label = "forward", value = "forward") })
        String app_mode() default "direct";

        @AttributeDefinition(name = "Health check interval (ms)", description = "How often each app's health URL is asked.")
        long healthcheck_interval_ms() default 30_000;

        @AttributeDefinition(name = "Register TTL (s)", description = "TTL of the registrations the sidecar keeps.")
        long register_ttl() default 60;

        @AttributeDefinition(name = "Register interval (s)", description = "How often they are renewed; shorter than the TTL.")
        long register_interval() default 30;

        @AttributeDefinition(name = "CORS origins", description = "Comma-separated origins allowed to call from a browser; empty for none.")
        String cors() default "";

        @AttributeDefinition(name = "CORS headers", description = "Comma-separated request headers a browser may send cross-origin.")
        String cors_headers() default "Content-Type,Authorization,X-Requested-With";

        @AttributeDefinition(name = "Max body (bytes)", description = "Largest request body; larger ones get 413.")
        int max_body_bytes() default 10 * 1024 * 1024;

        @AttributeDefinition(name = "Max WebSocket message (bytes)", description = "Largest message on /broker and /registry sockets; larger ones close the socket with 1009.")
        int max_message_bytes() default 1024 * 1024;

        @AttributeDefinition(name = "Request timeout (ms)", description = "Deadline of a call through /rpc or a path; past it, 504.")
        long request_timeout_ms() default 5000;

        @AttributeDefinition(name = "Enable stats", description = "Serve GET /stats: uptime, memory, threads, GC and requests by status class.")
        boolean enable_stats() default false;

        @AttributeDefinition(name = "Read timeout (ms)", description = "How long a client may take to send a request body, and stay silent; then 408.")
        long read_timeout_ms() default 30_000;
    }

    private final Client client;
    private final Object lock = new Object();
    private final String nodeId = SERVICE + "-" + UUID.randomUUID();

    private volatile Registry registry;
    private volatile Broker broker;

    // Guarded by lock.
    private SidecarSettings settings;
    private EdgeServer server;
    private Registrations registrations;
    private EdgeStats stats;

    @Activate
    public Sidecar(Config config, Map<String, Object> properties, @Reference Client client) throws Exception {
        this.client = client;
        synchronized (lock) {
            settings = SidecarSettings.read(config, properties, SidecarSettings.DEFAULTS);
            start(settings);
        }
    }

    /** A change restarts the listener and the registrations in place: the component and its service stay. */
    @Modified
    void modified(Config config, Map<String, Object> properties) throws Exception {
        synchronized (lock) {
            SidecarSettings next = SidecarSettings.read(config, properties, settings);
            settings = Reconfiguration.apply("micro.sidecar", settings, next, this::stop, this::start);
        }
    }

    // Dynamic + greedy, as every plugin: a better registry or broker takes over without a restart.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setRegistry(Registry newRegistry) {
        registry = newRegistry;
        Registrations current = registrations;
        if (current != null) {
            current.registryChanged();
        }
    }

    void unsetRegistry(Registry oldRegistry) {
        Registrations current = registrations;
        if (current != null) {
            current.registryGone(oldRegistry);
        }
        if (registry == oldRegistry) {
            registry = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setBroker(Broker newBroker) {
        broker = newBroker;
    }

    void unsetBroker(Broker oldBroker) {
        if (broker == oldBroker) {
            broker = null;
        }
    }

    @Deactivate
    void deactivate() throws Exception {
        synchronized (lock) {
            stop();
        }
    }

    @Override
    public String name() {
        return Edge.SIDECAR;
    }

    @Override
    public String address() {
        synchronized (lock) {
            return server.url();
        }
    }

    private void start(SidecarSettings with) throws Exception {
        Registrations kept = new Registrations(() -> registry, with.interval(), with.healthInterval());
        try {
            server = EdgeServer.start("micro-sidecar", with.host(), with.port(), with.readTimeoutMillis(), ERRORS,
                    handlers(with, kept));
        } catch (Exception e) {
            kept.close();
            throw e;
        }
        registrations = kept;
        kept.add(new Service(SERVICE, "latest", Map.of(), List.of(), List.of(new Node(nodeId, server.address(),
                Map.of(Node.TRANSPORT, "http", "server", SERVICE)))), null, with.ttl());
        for (AppSpec app : with.apps()) {
            // Forwarded apps are called at the sidecar, which turns each call into POST http://APP/Service/Method.
            String node = with.forward() ? server.address() : app.address();
            kept.add(new Service(app.name(), "latest", Map.of(), List.of(), List.of(new Node(app.name() + "-" + UUID.randomUUID(),
                    node, Map.of(Node.TRANSPORT, "http", "server", SERVICE)))), app.health(), with.ttl());
        }
        LOG.info("micro sidecar listening on {} (namespace {}, {} app(s){})", server.url(), with.namespace(), with.apps().size(),
                with.forward() ? ", calls forwarded" : "");
    }

    private Handler handlers(SidecarSettings with, Registrations kept) {
        BodyReader bodies = new BodyReader(ERRORS, with.maxBodyBytes(), with.readTimeoutMillis());
        JsonBodies json = new JsonBodies(ERRORS);
        // An app of this sidecar that failed its health check left the registry, but it is known here:
        // a momentary gap is a 503 (retryable), not a 404.
        Upstream upstream = new Upstream(client, Duration.ofMillis(with.requestTimeoutMillis()), ERRORS,
                (route, path, detail) -> kept.whyDown(route.service()).map(why -> ERRORS.error(503, "app " + route.service()
                        + " is down (" + why + "); try again once its health check passes")).orElse(ERRORS.error(404, detail)));
        stats = with.stats() ? new EdgeStats() : null;
        SidecarRouter.Routes routes = new SidecarRouter.Routes(stats == null ? null : stats.route(), new HealthRoute(kept),
                new RegistryRoute(() -> registry, kept, bodies, with.ttl()), new RpcCallHandler(ERRORS, bodies, json, upstream),
                new BrokerRoute(() -> broker, bodies), new PathCallHandler(new PathResolver(with.namespace(), ERRORS), bodies,
                        json, upstream));
        AppForwarder forwarder = new AppForwarder(with.forward() ? with.apps() : List.of(), bodies,
                Duration.ofMillis(with.requestTimeoutMillis()));
        Handler router = Cors.around(new SidecarRouter(routes, forwarder, () -> registry, () -> broker, with.maxMessageBytes()),
                with.cors(), with.corsHeaders());
        return stats == null ? router : stats.around(router);
    }

    /** Deregisters everything kept (the apps' nodes too), then stops the listener gracefully. */
    private void stop() throws Exception {
        if (registrations != null) {
            registrations.close();
            registrations = null;
        }
        if (server != null) {
            server.stop();
            server = null;
        }
        if (stats != null) {
            stats.close();
            stats = null;
        }
    }
}
