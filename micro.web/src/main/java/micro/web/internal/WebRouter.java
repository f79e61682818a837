package micro.web.internal;

import java.nio.ByteBuffer;
import java.util.Map;

import micro.api.MicroException;
import micro.edge.http.EdgeStats;
import micro.edge.http.RpcCallHandler;
import micro.edge.http.ServiceProxy;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's routes in micro web's order: {@code /stats} (when enabled), {@code /registry},
 * {@code /rpc}, {@code /cli}, {@code /query}, {@code /favicon.ico}, then {@code /NAME/...} to the web
 * app {@code NAMESPACE.NAME}, then {@code /}. JSON or a page by content negotiation ({@code Accept:
 * application/json}, or a JSON {@code Content-Type}, as micro did). {@code /rpc} takes only JSON bodies
 * from this origin (or an allowed one), so a page elsewhere cannot drive it with a form.
 */
final class WebRouter extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(WebRouter.class);

    private final RegistryViews registry;
    private final RegistryFeed feed;
    private final RpcCallHandler rpc;
    private final EdgeStats stats;
    private final ServiceProxy proxy;
    private final Assets assets;
    private final CliRoute cli;

    WebRouter(RegistryViews registry, RegistryFeed feed, RpcCallHandler rpc, CliRoute cli, EdgeStats stats, ServiceProxy proxy,
            Assets assets) {
        super(InvocationType.BLOCKING);
        this.registry = registry;
        this.feed = feed;
        this.rpc = rpc;
        this.stats = stats;
        this.proxy = proxy;
        this.assets = assets;
        this.cli = cli;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath();
        try {
            return route(path, request, response, callback);
        } catch (MicroException e) {
            return wantsJson(request) ? WebDashboard.ERRORS.write(response, callback, e)
                    : assets.page("error", micro.edge.http.EdgeErrors.status(e), response, callback);
        } catch (Exception e) {
            LOG.warn("web route failed on {} {}", request.getMethod(), path, e);
            return WebDashboard.ERRORS.write(response, callback, 500, "web failure: " + e.getMessage());
        }
    }

    private boolean route(String path, Request request, Response response, Callback callback) throws Exception {
        if (path.equals("/stats") && stats != null) {
            return wantsJson(request) ? stats.route().handle(request, response, callback)
                    : assets.page("stats", 200, response, callback);
        }
        if (path.equals("/registry/events")) {
            return feed.handle(request, response, callback);
        }
        if (path.equals("/registry")) {
            Fields query = Request.extractQueryParameters(request);
            String service = query.getValue("service");
            if (!wantsJson(request)) {
                return assets.page(service == null ? "registry" : "service", 200, response, callback);
            }
            return json(response, callback, service != null ? registry.service(service)
                    : registry.services(query.getValue("q"), number(query.getValue("offset")), number(query.getValue("limit"))));
        }
        if (path.equals("/rpc")) {
            return rpc.handle(request, response, callback); // the OriginCheck runs once the body is read
        }
        if (path.equals("/cli") && (wantsJson(request) || HttpMethod.POST.is(request.getMethod()))) {
            return cli.handle(request, response, callback);
        }
        if (path.equals("/cli") || path.equals("/query")) {
            return assets.page(path.substring(1), 200, response, callback);
        }
        if (path.equals("/favicon.ico")) {
            return assets.serve("favicon.svg", response, callback);
        }
        if (path.startsWith("/assets/") && HttpMethod.GET.is(request.getMethod())
                && assets.serve(path.substring("/assets/".length()), response, callback)) {
            return true;
        }
        if (path.equals("/") || path.isEmpty()) {
            return wantsJson(request) ? json(response, callback, registry.webApps()) : assets.page("index", 200, response, callback);
        }
        return proxy.handle(request, response, callback);
    }

    /** {@code /foo/bar?x} → the web app {@code NAMESPACE.foo} at {@code /bar?x}, told its base path. */
    static ServiceProxy.Target webApp(org.eclipse.jetty.server.Request request, String prefix) {
        String path = request.getHttpURI().getPath();
        int slash = path.indexOf('/', 1);
        String name = slash < 0 ? path.substring(1) : path.substring(1, slash);
        if (!name.matches("[A-Za-z0-9]+(-[A-Za-z0-9]+)*")) {
            return null;
        }
        String rest = slash < 0 ? "/" : path.substring(slash);
        return new ServiceProxy.Target(prefix + name, rest, Map.of("X-Micro-Web-Base-Path", "/" + name));
    }

    private static int number(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw MicroException.badRequest(WebDashboard.ERRORS.id(), "'" + text + "' is not a number");
        }
    }

    /** A browser navigating: it asks for HTML. */
    static boolean wantsPage(Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        return accept != null && accept.contains("text/html");
    }

    static boolean wantsJson(Request request) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return (accept != null && accept.contains("application/json") && !accept.startsWith("text/html"))
                || (type != null && type.startsWith("application/json"));
    }

    static boolean json(Response response, Callback callback, Map<String, Object> value) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(WebJson.text(value).getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
        return true;
    }
}
