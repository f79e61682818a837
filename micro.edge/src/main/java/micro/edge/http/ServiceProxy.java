package micro.edge.http;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import micro.api.MicroException;
import micro.api.registry.Node;
import micro.api.selector.SelectOptions;
import micro.api.selector.Selector;
import micro.api.selector.ServiceNotFoundException;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * A reverse proxy to the HTTP services of the registry: a request goes to one node of the service its
 * {@link Routing} names, chosen by the selector, through Jetty's reverse proxy, at the path the
 * routing gives (the gateway's proxy handler keeps the path; the web dashboard strips the app's
 * name and says it in a header); WebSocket upgrades are bridged to the node frame by frame. Failures
 * before and after the node answers are the edge's JSON errors: a path that names no service and an
 * unknown service are 404s naming what was looked for, no node 503, a node that fails 502/504.
 */
public final class ServiceProxy extends ProxyHandler.Reverse implements EdgeHandler {

    /** Where a request goes: the service, the path (query kept) to ask its node, headers to add. */
    public record Target(String service, String path, Map<String, String> headers) {
    }

    /** The target of a request, or null when its path names no service. */
    @FunctionalInterface
    public interface Routing {
        Target of(Request request);
    }

    /** The edge's own answer when the selector knows no such service: true if it answered, false for the JSON 404. */
    @FunctionalInterface
    public interface UnknownService {
        boolean answered(Request request, Response response, Callback callback);
    }

    private static final String TARGET = ServiceProxy.class.getName() + ".target";
    private static final String HEADERS = ServiceProxy.class.getName() + ".headers";

    private final EdgeErrors errors;
    private final Routing routing;
    private final String usage;
    private final java.util.function.Supplier<Selector> selector;
    private final UnknownService unknownService;
    private final WebSocketUpgradeHandler upgrades;
    private final WebSocketCoreClient webSocketClient = new WebSocketCoreClient(plainHttpClient(), null);

    /**
     * @param usage what a path that names no service should look like, for its 404
     * @param selector the best one bound at each request (the edges' references are dynamic)
     */
    public ServiceProxy(EdgeErrors errors, Routing routing, String usage, java.util.function.Supplier<Selector> selector) {
        this(errors, routing, usage, selector, (request, response, callback) -> false);
    }

    /** @param unknownService what the edge answers itself for a service the selector does not know (a page) */
    public ServiceProxy(EdgeErrors errors, Routing routing, String usage, java.util.function.Supplier<Selector> selector,
            UnknownService unknownService) {
        super(request -> (HttpURI) request.getAttribute(TARGET));
        this.unknownService = unknownService;
        this.errors = errors;
        this.routing = routing;
        this.usage = usage;
        this.selector = selector;
        this.upgrades = new WebSocketUpgradeHandler();
        this.upgrades.addMapping("/*", this::bridge);
        addBean(webSocketClient, true);
        addBean(upgrades, true);
    }

    /** Nodes speak plain HTTP: the client's TLS factory is never started (no SSLContext at boot). */
    private static HttpClient plainHttpClient() {
        ClientConnector connector = new ClientConnector();
        SslContextFactory.Client tls = new SslContextFactory.Client();
        connector.setSslContextFactory(tls);
        connector.unmanage(tls);
        return new HttpClient(new HttpClientTransportOverHTTP(connector));
    }

    @Override
    protected HttpClient newHttpClient() {
        return plainHttpClient();
    }

    @Override
    public void setServer(org.eclipse.jetty.server.Server server) {
        super.setServer(server);
        upgrades.setServer(server);
    }

    /** The upgrade of a browser's WebSocket: a bridge to the same path on the chosen node. */
    private FrameHandler bridge(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        HttpURI target = (HttpURI) request.getAttribute(TARGET);
        URI upstream = URI.create(HttpURI.build(target).scheme("ws").asString());
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) request.getAttribute(HEADERS);
        return new WebSocketBridge(webSocketClient, upstream, headers == null ? Map.of() : headers).downstream();
    }

    private static boolean isWebSocketUpgrade(Request request) {
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath(); // the service is named decoded; the request goes on as sent
        Target route = routing.of(request);
        if (route == null) {
            return errors.write(response, callback, 404, "no service in path '" + path + "': " + usage);
        }
        Node node;
        try {
            Selector current = selector.get();
            if (current == null) {
                return errors.write(response, callback, 503, "no selector is installed to find " + route.service());
            }
            node = current.select(route.service(), SelectOptions.defaults()).next();
        } catch (ServiceNotFoundException e) {
            if (unknownService.answered(request, response, callback)) {
                return true;
            }
            return errors.write(response, callback, 404, "service " + route.service() + " not found (proxy of path " + path + ")");
        } catch (MicroException e) {
            return errors.write(response, callback, e);
        }
        HttpURI target = HttpURI.build(request.getHttpURI()).scheme("http").authority(node.address()).path(route.path())
                .asImmutable();
        request.setAttribute(TARGET, target);
        request.setAttribute(HEADERS, route.headers());
        if (isWebSocketUpgrade(request)) {
            try {
                if (upgrades.handle(request, response, callback)) {
                    return true;
                }
            } catch (Exception e) {
                return errors.write(response, callback, 502, "WebSocket proxy to " + node.address() + " failed: "
                        + e.getMessage());
            }
            return errors.write(response, callback, 400, "not a valid WebSocket upgrade request");
        }
        return super.handle(request, response, callback);
    }

    @Override
    protected void addProxyHeaders(Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {
        super.addProxyHeaders(clientToProxyRequest, proxyToServerRequest);
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) clientToProxyRequest.getAttribute(HEADERS);
        if (headers != null) {
            headers.forEach((name, value) -> proxyToServerRequest.headers(fields -> fields.put(name, value)));
        }
    }

    @Override
    protected void onServerToProxyResponseFailure(Request clientToProxyRequest,
            org.eclipse.jetty.client.Request proxyToServerRequest, org.eclipse.jetty.client.Response serverToProxyResponse,
            Response proxyToClientResponse, Callback proxyToClientCallback, Throwable failure) {
        if (proxyToClientResponse.isCommitted()) {
            super.onServerToProxyResponseFailure(clientToProxyRequest, proxyToServerRequest, serverToProxyResponse,
                    proxyToClientResponse, proxyToClientCallback, failure);
            return;
        }
        boolean timeout = failure instanceof TimeoutException;
        proxyToClientResponse.getHeaders().clear();
        MicroException error = errors.error(timeout ? 504 : 502, "proxy to " + proxyToServerRequest.getURI().getAuthority()
                + " failed: " + failure.getMessage());
        errors.write(proxyToClientResponse, proxyToClientCallback, error);
    }
}
