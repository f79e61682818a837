package micro.gateway.internal;

import java.util.Map;

import micro.api.MicroException;
import micro.edge.http.EdgeHandler;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's entry: {@code /stats} (when enabled), {@code POST /rpc} and {@code /event/TOPIC} first, then the handler the path's
 * route names (rpc by default). Anything a handler lets escape becomes a JSON 500; the gateway keeps
 * serving. Blocking, like the handlers it calls.
 */
final class Router extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private static final String CALL_METHODS = "GET, POST, PUT, PATCH, DELETE";

    private final HandlerRoutes routes;
    private final Map<String, EdgeHandler> handlers;
    private final EdgeHandler stats;
    private final EdgeHandler anyService;
    private final EdgeHandler events;

    /** @param stats {@code GET /stats}, or null when stats are off */
    Router(HandlerRoutes routes, Map<String, EdgeHandler> handlers, EdgeHandler stats, EdgeHandler anyService,
            EdgeHandler events) {
        super(InvocationType.BLOCKING);
        this.routes = routes;
        this.handlers = handlers;
        this.stats = stats;
        this.anyService = anyService;
        this.events = events;
    }

    /**
     * The rpc and api handlers call a service for the methods that carry a request; HEAD, OPTIONS and
     * TRACE must not run a handler. The proxy passes what the service behind it serves, TRACE aside.
     */
    private static boolean callable(String method, String handler) {
        if (HttpMethod.TRACE.is(method) || HttpMethod.CONNECT.is(method)) {
            return false;
        }
        return HandlerRoutes.PROXY.equals(handler) || HttpMethod.GET.is(method) || HttpMethod.POST.is(method)
                || HttpMethod.PUT.is(method) || HttpMethod.PATCH.is(method) || HttpMethod.DELETE.is(method);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath();
        try {
            // Before every handler, and only when enabled (micro#109: /stats fell to the catch-all).
            if (stats != null && path.equals("/stats")) {
                return stats.handle(request, response, callback);
            }
            if (path.equals("/rpc")) {
                return anyService.handle(request, response, callback);
            }
            if (path.startsWith(EventHandler.PREFIX)) {
                return events.handle(request, response, callback);
            }
            String handler = routes.handlerFor(path);
            if (!callable(request.getMethod(), handler)) {
                response.getHeaders().put(HttpHeader.ALLOW, CALL_METHODS);
                return GatewayEdge.ERRORS.write(response, callback, 405, request.getMethod() + " does not call a service; use "
                        + CALL_METHODS);
            }
            return handlers.get(handler).handle(request, response, callback);
        } catch (MicroException e) {
            return GatewayEdge.ERRORS.write(response, callback, e);
        } catch (Exception e) {
            LOG.warn("gateway handler failed on {} {}", request.getMethod(), path, e);
            return GatewayEdge.ERRORS.write(response, callback, 500, "gateway failure: " + e.getMessage());
        }
    }
}
