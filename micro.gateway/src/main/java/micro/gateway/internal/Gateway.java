package micro.gateway.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import micro.api.broker.Broker;
import micro.api.client.Client;
import micro.api.edge.Edge;
import micro.api.selector.Selector;
import micro.edge.http.BodyReader;
import micro.edge.http.Cors;
import micro.edge.http.EdgeHandler;
import micro.edge.http.EdgeServer;
import micro.edge.http.EdgeStats;
import micro.edge.http.PathCallHandler;
import micro.edge.http.PathResolver;
import micro.edge.http.Route;
import micro.edge.http.RpcCallHandler;
import micro.edge.http.ServiceProxy;
import micro.edge.http.Upstream;

import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.util.ssl.SslContextFactory;
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
 * The API gateway: a Jetty server turning HTTP requests into calls of the services in the registry
 * (handlers rpc, api, proxy; {@code POST /rpc}; {@code POST /event/TOPIC}), with CORS, a body limit,
 * a per-request deadline, TLS and an access log.
 */
@Component(service = { Gateway.class, Edge.class }, configurationPid = "micro.gateway", immediate = true,
        property = Edge.NAME + "=" + Edge.GATEWAY)
@Designate(ocd = Gateway.Config.class)
public final class Gateway implements Edge {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    @ObjectClassDefinition(name = "micro API gateway", description = "HTTP to RPC at the edge of a micro system.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "host:port the gateway listens on.")
        String address() default "127.0.0.1:8080";

        @AttributeDefinition(name = "Namespace", description = "Prefix of the services the paths name.")
        String namespace() default "micro.api";

        @AttributeDefinition(name = "Handler", description = "Default handler: rpc, api or proxy.", options = {
                @Option(label = "rpc", value = "rpc"), @Option(label = "api", value = "api"), @Option(label = "proxy", value = "proxy") })
        String handler() default "rpc";

        @AttributeDefinition(name = "Routes", description = "Handlers of path prefixes, as /PREFIX=HANDLER (e.g. /legacy/=proxy).")
        String[] routes() default {};

        @AttributeDefinition(name = "CORS origins", description = "Comma-separated origins allowed to call from a browser; empty for none.")
        String cors() default "";

        @AttributeDefinition(name = "CORS headers", description = "Comma-separated request headers a browser may send "
                + "cross-origin; name each X-Micro-* metadata header a page sends.")
        String cors_headers() default "Content-Type,Authorization,X-Requested-With";

        @AttributeDefinition(name = "Max body (bytes)", description = "Largest request body; larger ones get 413.")
        int max_body_bytes() default 10 * 1024 * 1024;

        @AttributeDefinition(name = "Request timeout (ms)", description = "Deadline of the call behind a request; past it, 504.")
        long request_timeout_ms() default 5000;

        @AttributeDefinition(name = "Read timeout (ms)", description = "How long a client may take to send a request body, and stay silent; then 408.")
        long read_timeout_ms() default 30_000;

        @AttributeDefinition(name = "Enable TLS", description = "Serve HTTPS with the certificate and key below.")
        boolean enable_tls() default false;

        @AttributeDefinition(name = "TLS certificate file", description = "PEM certificate chain.")
        String tls_cert_file() default "";

        @AttributeDefinition(name = "TLS key file", description = "PEM private key (PKCS#8).")
        String tls_key_file() default "";

        // Off by default, as in go-micro's API and Spring Cloud Gateway: a line per request costs more
        // CPU than the proxying (bench/results/changes.md).
        @AttributeDefinition(name = "Access log", description = "Log every request (logger micro.gateway.access).")
        boolean access_log() default false;

        @AttributeDefinition(name = "Enable stats", description = "Serve GET /stats: uptime, memory, threads, GC and requests by status class.")
        boolean enable_stats() default false;
    }

    private final Client client;
    private final Object lock = new Object();

    private volatile Selector selector;

    private volatile Broker broker;
    private volatile GatewaySettings settings;
    private volatile Routing routing;

    // Guarded by lock.
    private EdgeServer server;
    private Handler.Wrapper live;
    private EdgeStats stats;

    /** What a path resolves to and the handlers that serve it; replaced whole on a configuration change. */
    private record Routing(PathResolver resolver, HandlerRoutes routes, Handler handlers) {
    }

    @Activate
    public Gateway(Config config, Map<String, Object> properties, @Reference Client client) throws Exception {
        this.client = client;
        settings = new GatewayConfigReader(properties).read(config, GatewaySettings.DEFAULTS);
        synchronized (lock) {
            start(settings);
        }
    }

    /**
     * Applied live: routes, handler, namespace, CORS, limits and timeouts swap the handlers of the
     * running server (requests in flight finish on the old ones); only the address, TLS, the read
     * timeout or the access log need a new server, and the old one stops gracefully first.
     */
    @Modified
    void modified(Config config, Map<String, Object> properties) throws Exception {
        synchronized (lock) {
            GatewaySettings next = new GatewayConfigReader(properties).read(config, settings);
            if (next.listener().equals(settings.listener())) {
                Routing fresh = routing(next);
                swapIn(fresh.handlers());
                routing = fresh;
                settings = next;
                LOG.info("micro gateway configuration applied (handler {}, namespace {})", next.handler(), next.namespace());
                return;
            }
            GatewaySettings last = settings;
            stopGracefully();
            try {
                settings = next;
                start(next);
            } catch (RuntimeException e) {
                // A new address in use or TLS files that do not load: keep serving on the last good listener.
                LOG.error("micro.gateway listener {} refused: {}; back on {}", next.listener().address(), e.getMessage(),
                        last.listener().address());
                settings = last;
                start(last);
            }
        }
    }

    // Dynamic + greedy, like the other plugins: a better selector takes over the proxy's choices at
    // run time without restarting the gateway (the new one is bound before the old one leaves).
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setSelector(Selector newSelector) {
        selector = newSelector;
    }

    void unsetSelector(Selector oldSelector) {
        if (selector == oldSelector) {
            selector = null;
        }
    }

    // Optional, dynamic + greedy: events work once a broker is installed, and move to a better one.
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
            stopGracefully();
        }
    }

    @Override
    public String name() {
        return Edge.GATEWAY;
    }

    /** The URL the gateway answers on. */
    @Override
    public String address() {
        synchronized (lock) {
            return server.url();
        }
    }

    PathResolver resolver() {
        return routing.resolver();
    }

    HandlerRoutes routes() {
        return routing.routes();
    }

    private void start(GatewaySettings with) throws Exception {
        GatewaySettings.Listener listen = with.listener();
        SslContextFactory.Server ssl = listen.tls() ? TlsContexts.fromPem(listen.certFile(), listen.keyFile()) : null;
        CustomRequestLog accessLog = null;
        if (listen.accessLog()) {
            Slf4jRequestLogWriter writer = new Slf4jRequestLogWriter();
            writer.setLoggerName("micro.gateway.access");
            accessLog = new CustomRequestLog(writer, CustomRequestLog.EXTENDED_NCSA_FORMAT);
        }
        live = new Handler.Wrapper(true);
        // Counting sits outside the live wrapper: a configuration change keeps the counts.
        stats = listen.stats() ? new EdgeStats() : null;
        server = EdgeServer.start("micro-gateway", listen.host(), listen.port(), listen.readTimeoutMillis(), ssl, accessLog,
                GatewayEdge.ERRORS);
        server.serve(stats == null ? live : stats.around(live));
        routing = routing(with);
        swapIn(routing.handlers());
        LOG.info("micro gateway listening on {} (handler {}, namespace {})", address(), with.handler(), with.namespace());
    }

    /**
     * Serves {@code handlers} from now on. A running wrapper takes a new handler without starting it,
     * and CORS and the proxy (its HTTP clients) do their setup in their start: so it is started here.
     */
    private void swapIn(Handler handlers) throws Exception {
        live.setHandler(handlers);
        if (!handlers.isStarted()) {
            handlers.start();
        }
    }

    private Routing routing(GatewaySettings with) {
        PathResolver resolver = new PathResolver(with.namespace(), GatewayEdge.ERRORS);
        HandlerRoutes routes = new HandlerRoutes(with.handler(), with.routes());
        BodyReader bodies = new BodyReader(GatewayEdge.ERRORS, with.maxBodyBytes(), with.listener().readTimeoutMillis());
        Upstream upstream = new Upstream(client, Duration.ofMillis(with.requestTimeoutMillis()), GatewayEdge.ERRORS,
                (route, path, detail) -> GatewayEdge.ERRORS.error(404, detail + "; see micro:routes " + path));
        Map<String, EdgeHandler> handlers = new HashMap<>();
        handlers.put(HandlerRoutes.RPC, new PathCallHandler(resolver, bodies, GatewayEdge.JSON, upstream));
        handlers.put(HandlerRoutes.API, new ApiRouteHandler(resolver, bodies, upstream));
        Router router = new Router(routes, handlers, stats == null ? null : stats.route(), new RpcCallHandler(GatewayEdge.ERRORS, bodies, GatewayEdge.JSON, upstream),
                new EventHandler(bodies, () -> broker));
        // A wrapper of its own, so that the proxy (two HTTP clients, WebSocket upgrades) lives and stops
        // with the handlers it belongs to; built only when a route can reach it.
        Handler.Wrapper tree = new Handler.Wrapper(Cors.around(router, with.cors(), with.corsHeaders()));
        if (routes.uses(HandlerRoutes.PROXY)) {
            // The first segment (two with /vN) names the service of the namespace; the path goes on unchanged.
            ServiceProxy proxy = new ServiceProxy(GatewayEdge.ERRORS, request -> {
                Route route = resolver.proxy(request.getHttpURI().getDecodedPath());
                return route == null ? null : new ServiceProxy.Target(route.service(), request.getHttpURI().getPath(), Map.of());
            }, "proxy /SERVICE/... (namespace " + resolver.namespace() + ")", () -> selector);
            proxy.setServer(server.jetty());
            tree.addBean(proxy, true);
            handlers.put(HandlerRoutes.PROXY, proxy);
        }
        return new Routing(resolver, routes, tree);
    }

    private void stopGracefully() throws Exception {
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
