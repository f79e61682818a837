package micro.gateway.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import micro.api.broker.Broker;
import micro.api.client.Client;
import micro.api.selector.Selector;

import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
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
 * The API gateway: a Jetty server turning HTTP requests into calls of the services in the registry
 * (handlers rpc, api, proxy; {@code POST /rpc}; {@code POST /event/TOPIC}), with CORS, a body limit,
 * a per-request deadline, TLS and an access log.
 */
@Component(service = Gateway.class, configurationPid = "micro.gateway", immediate = true)
@Designate(ocd = Gateway.Config.class)
public final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    @ObjectClassDefinition(name = "micro API gateway", description = "HTTP to RPC at the edge of a micro system.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "host:port the gateway listens on.")
        String address() default "127.0.0.1:8080";

        @AttributeDefinition(name = "Namespace", description = "Prefix of the services the paths name.")
        String namespace() default "micro.api";

        @AttributeDefinition(name = "Handler", description = "Default handler: rpc, api or proxy.")
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
    }

    private final Server server;
    private final ServerConnector connector;
    private final PathResolver resolver;
    private final HandlerRoutes routes;
    private final boolean tls;

    private volatile Broker broker;

    @Activate
    public Gateway(Config config, @Reference Client client, @Reference Selector selector) throws Exception {
        resolver = new PathResolver(config.namespace());
        routes = new HandlerRoutes(config.handler(), config.routes());
        tls = config.enable_tls();
        BodyReader bodies = new BodyReader(config.max_body_bytes(), config.read_timeout_ms());
        Upstream upstream = new Upstream(client, Duration.ofMillis(config.request_timeout_ms()));

        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("micro-gateway");
        threads.setDaemon(true);
        // Threads a burst needed leave within seconds of it, not one a minute.
        threads.setIdleTimeout(5_000);
        threads.setMaxEvictCount(200);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        if (tls) {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            SslContextFactory.Server ssl = TlsContexts.fromPem(config.tls_cert_file(), config.tls_key_file());
            connector = new ServerConnector(server, ssl, new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        String address = config.address();
        int colon = address.lastIndexOf(':');
        connector.setHost(colon <= 0 ? "127.0.0.1" : address.substring(0, colon));
        connector.setPort(Integer.parseInt(address.substring(colon + 1)));
        connector.setIdleTimeout(config.read_timeout_ms());
        server.addConnector(connector);

        Map<String, GatewayHandler> handlers = new HashMap<>();
        handlers.put(HandlerRoutes.RPC, new RpcRouteHandler(resolver, bodies, upstream));
        handlers.put(HandlerRoutes.API, new ApiRouteHandler(resolver, bodies, upstream));
        // The proxy brings two HTTP clients and WebSocket upgrades: started only when a route can reach it.
        if (routes.uses(HandlerRoutes.PROXY)) {
            ProxyRouteHandler proxy = new ProxyRouteHandler(resolver, selector);
            proxy.setServer(server);
            server.addBean(proxy, true);
            handlers.put(HandlerRoutes.PROXY, proxy);
        }
        Router router = new Router(routes, handlers, new AnyServiceHandler(bodies, upstream),
                new EventHandler(bodies, () -> broker));
        server.setHandler(withCors(router, config.cors(), config.cors_headers()));
        server.setErrorHandler(new JsonErrorHandler());
        if (config.access_log()) {
            Slf4jRequestLogWriter writer = new Slf4jRequestLogWriter();
            writer.setLoggerName("micro.gateway.access");
            server.setRequestLog(new CustomRequestLog(writer, CustomRequestLog.EXTENDED_NCSA_FORMAT));
        }
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw new IllegalStateException("the gateway cannot listen on " + address + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        LOG.info("micro gateway listening on {} (handler {}, namespace {})", address(), config.handler(), resolver.namespace());
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
        server.stop();
    }

    /** The URL the gateway answers on. */
    public String address() {
        return (tls ? "https://" : "http://") + connector.getHost() + ":" + connector.getLocalPort();
    }

    PathResolver resolver() {
        return resolver;
    }

    HandlerRoutes routes() {
        return routes;
    }

    private static Handler withCors(Handler handler, String origins, String headers) {
        Set<String> patterns = new LinkedHashSet<>();
        for (String origin : origins.split(",")) {
            if (!origin.isBlank()) {
                patterns.add(origin.trim().equals("*") ? ".*" : Pattern.quote(origin.trim()));
            }
        }
        if (patterns.isEmpty()) {
            return handler;
        }
        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(patterns);
        cors.setAllowedMethods(Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        // Jetty matches header names exactly: a pattern like X-Micro-* would be sent to browsers literally.
        Set<String> allowedHeaders = new LinkedHashSet<>();
        for (String header : headers.split(",")) {
            if (!header.isBlank()) {
                allowedHeaders.add(header.trim());
            }
        }
        cors.setAllowedHeaders(allowedHeaders);
        cors.setAllowCredentials(true);
        cors.setHandler(handler);
        return cors;
    }
}
