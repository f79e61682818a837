package micro.web.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import micro.api.client.Client;
import micro.api.command.Command;
import micro.api.command.CommandSet;
import micro.api.edge.Edge;
import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.Service;
import micro.api.selector.Selector;
import micro.edge.http.BodyReader;
import micro.edge.http.Cors;
import micro.edge.http.EdgeErrors;
import micro.edge.http.EdgeServer;
import micro.edge.http.EdgeStats;
import micro.edge.http.JsonBodies;
import micro.edge.http.Reconfiguration;
import micro.edge.http.Registrations;
import micro.edge.http.RpcCallHandler;
import micro.edge.http.ServiceProxy;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard, micro's {@code micro web}: the registry as pages that update live, a query
 * form, a command line in the page, stats, and a reverse proxy to the web apps of its namespace. It
 * registers itself as service {@code micro.web}.
 */
@Component(service = Edge.class, configurationPid = "micro.web", immediate = true, property = Edge.NAME + "=" + Edge.WEB)
@Designate(ocd = WebDashboard.Config.class)
public final class WebDashboard implements Edge {

    static final EdgeErrors ERRORS = new EdgeErrors("micro.web");
    static final String SERVICE = "micro.web";

    private static final Logger LOG = LoggerFactory.getLogger(WebDashboard.class);

    @ObjectClassDefinition(name = "micro web dashboard", description = "See, query and watch the running system in a browser.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "host:port the dashboard listens on.")
        String address() default "127.0.0.1:8082";

        @AttributeDefinition(name = "Namespace", description = "Prefix of the web apps /NAME/... reaches (NAMESPACE.NAME).")
        String namespace() default "micro.web";

        @AttributeDefinition(name = "CORS origins", description = "Comma-separated origins allowed to call from another page; empty for none.")
        String cors() default "";

        @AttributeDefinition(name = "Enable stats", description = "Serve /stats: uptime, memory, threads, GC and requests by status class.")
        boolean enable_stats() default false;

        @AttributeDefinition(name = "Request timeout (ms)", description = "Deadline of a call through /rpc; past it, 504.")
        long request_timeout_ms() default 5000;

        @AttributeDefinition(name = "Read timeout (ms)", description = "How long a client may take to send a request body, and stay silent; then 408.")
        long read_timeout_ms() default 30_000;

        @AttributeDefinition(name = "Max body (bytes)", description = "Largest request body of /rpc; larger ones get 413.")
        int max_body_bytes() default 1024 * 1024;

        @AttributeDefinition(name = "Register TTL (s)", description = "TTL of the dashboard's own registration.")
        long register_ttl() default 60;

        @AttributeDefinition(name = "Register interval (s)", description = "How often it is renewed; shorter than the TTL.")
        long register_interval() default 30;
    }

    private final Client client;
    private final Object lock = new Object();
    private final String nodeId = SERVICE + "-" + UUID.randomUUID();
    private final RegistryFeed feed = new RegistryFeed();
    private final Assets assets = new Assets();
    private final CommandSet commands = new CommandSet();

    private volatile Registry registry;
    private volatile Selector selector;

    // Guarded by lock.
    private WebSettings settings;
    private EdgeServer server;
    private Registrations registrations;
    private EdgeStats stats;

    @Activate
    public WebDashboard(Config config, Map<String, Object> properties, @Reference Client client) throws Exception {
        this.client = client;
        synchronized (lock) {
            settings = WebSettings.read(config, properties, WebSettings.DEFAULTS);
            start(settings);
        }
    }

    /** A change restarts the listener in place: the component and its service stay. */
    @Modified
    void modified(Config config, Map<String, Object> properties) throws Exception {
        synchronized (lock) {
            WebSettings next = WebSettings.read(config, properties, settings);
            settings = Reconfiguration.apply("micro.web", settings, next, this::stop, this::start);
        }
    }

    // Dynamic + greedy, as every plugin: a better registry or selector takes over without a restart.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setRegistry(Registry newRegistry) {
        registry = newRegistry;
        feed.watch(newRegistry);
        Registrations current = registrations;
        if (current != null) {
            current.registryChanged();
        }
    }

    public void unsetRegistry(Registry oldRegistry) {
        Registrations current = registrations;
        if (current != null) {
            current.registryGone(oldRegistry);
        }
        if (registry == oldRegistry) {
            registry = null;
            feed.watch(null);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setSelector(Selector newSelector) {
        selector = newSelector;
    }

    public void unsetSelector(Selector oldSelector) {
        if (selector == oldSelector) {
            selector = null;
        }
    }

    /** The CLI page runs the same commands as the shell and the bot, as they come and go. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addCommand(Command command, Map<String, Object> properties) {
        commands.add(command, properties);
    }

    public void removeCommand(Command command, Map<String, Object> properties) {
        commands.remove(properties);
    }

    @Deactivate
    public void deactivate() throws Exception {
        synchronized (lock) {
            stop();
        }
        feed.close();
    }

    @Override
    public String name() {
        return Edge.WEB;
    }

    @Override
    public String address() {
        synchronized (lock) {
            return server.url();
        }
    }

    private void start(WebSettings with) throws Exception {
        Registrations kept = new Registrations(() -> registry, Duration.ofSeconds(with.intervalSeconds()), Duration.ofMinutes(1));
        try {
            server = EdgeServer.start("micro-web", with.host(), with.port(), with.readTimeoutMillis(), null, null, ERRORS);
            server.serve(handlers(with));
        } catch (Exception e) {
            kept.close();
            if (server != null) {
                server.stop();
                server = null;
            }
            throw e;
        }
        registrations = kept;
        kept.add(new Service(SERVICE, "latest", Map.of(), List.of(), List.of(new Node(nodeId, server.address(),
                Map.of(Node.TRANSPORT, "http", "server", SERVICE)))), null, Duration.ofSeconds(with.ttlSeconds()));
        LOG.info("micro web dashboard on {} (namespace {})", server.url(), with.namespace());
    }

    private Handler handlers(WebSettings with) {
        BodyReader bodies = new BodyReader(ERRORS, with.maxBodyBytes(), with.readTimeoutMillis());
        Upstream upstream = new Upstream(client, Duration.ofMillis(with.requestTimeoutMillis()), ERRORS,
                (route, path, detail) -> ERRORS.error(404, detail));
        String prefix = with.namespace() + ".";
        ServiceProxy proxy = new ServiceProxy(ERRORS, request -> WebRouter.webApp(request, prefix), "/NAME/... reaches the web app "
                + prefix + "NAME", () -> selector,
                // A browser asking for an unknown app gets the 404 page; a program the proxy's JSON 404.
                (request, response, callback) -> WebRouter.wantsPage(request) && assets.page("error", 404, response, callback));
        stats = with.stats() ? new EdgeStats() : null;
        OriginCheck origins = new OriginCheck(with.cors());
        JsonBodies json = new JsonBodies(ERRORS);
        WebRouter router = new WebRouter(new RegistryViews(() -> registry, with.namespace()), feed,
                new RpcCallHandler(ERRORS, bodies, json, upstream, origins::check), new CliRoute(commands, bodies, json, origins),
                stats, proxy, assets);
        Handler.Wrapper tree = new Handler.Wrapper(Cors.around(router, with.cors(), "Content-Type"));
        proxy.setServer(server.jetty());
        tree.addBean(proxy, true); // the proxy's HTTP clients live and stop with the tree
        return stats == null ? tree : stats.around(tree);
    }

    private void stop() throws Exception {
        if (registrations != null) {
            registrations.close();
            registrations = null;
        }
        feed.endStreams(); // else the graceful stop waits for pages that never end their stream
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
