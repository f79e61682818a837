package micro.gateway.internal;

import java.net.URI;
import java.util.concurrent.TimeoutException;

import micro.api.MicroException;
import micro.api.registry.Node;
import micro.api.selector.SelectOptions;
import micro.api.selector.Selector;
import micro.api.selector.ServiceNotFoundException;
import micro.edge.http.EdgeHandler;
import micro.edge.http.PathResolver;
import micro.edge.http.Route;

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
 * The {@code proxy} handler: the first path segment names an HTTP service of the namespace; the
 * request goes, path unchanged, to one of its nodes chosen by the selector, through Jetty's reverse
 * proxy; WebSocket upgrades are bridged to the node frame by frame. Failures before and after the
 * upstream answers are JSON errors like the rest.
 */
final class ProxyRouteHandler extends ProxyHandler.Reverse implements EdgeHandler {

    private static final String TARGET = ProxyRouteHandler.class.getName() + ".target";

    private final PathResolver resolver;
    private final java.util.function.Supplier<Selector> selector;
    private final WebSocketUpgradeHandler upgrades;
    private final WebSocketCoreClient webSocketClient = new WebSocketCoreClient(plainHttpClient(), null);

    /** {@code selector}: the best one bound at each request (the gateway's reference is dynamic). */
    ProxyRouteHandler(PathResolver resolver, java.util.function.Supplier<Selector> selector) {
        super(request -> (HttpURI) request.getAttribute(TARGET));
        this.resolver = resolver;
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
        return new WebSocketBridge(webSocketClient, upstream).downstream();
    }

    private static boolean isWebSocketUpgrade(Request request) {
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath(); // the service is named decoded; the request goes on as sent
        Route route = resolver.proxy(path);
        if (route == null) {
            return GatewayEdge.ERRORS.write(response, callback, 404, "no service in path '" + path + "': proxy /SERVICE/...");
        }
        Node node;
        try {
            Selector current = selector.get();
            if (current == null) {
                return GatewayEdge.ERRORS.write(response, callback, 503, "no selector is installed to find " + route.service());
            }
            node = current.select(route.service(), SelectOptions.defaults()).next();
        } catch (ServiceNotFoundException e) {
            return GatewayEdge.ERRORS.write(response, callback, 404, "service " + route.service() + " not found (proxy of path "
                    + path + " in namespace " + resolver.namespace() + ")");
        } catch (MicroException e) {
            return GatewayEdge.ERRORS.write(response, callback, e);
        }
        HttpURI target = HttpURI.build(request.getHttpURI()).scheme("http").authority(node.address()).asImmutable();
        request.setAttribute(TARGET, target);
        if (isWebSocketUpgrade(request)) {
            try {
                if (upgrades.handle(request, response, callback)) {
                    return true;
                }
            } catch (Exception e) {
                return GatewayEdge.ERRORS.write(response, callback, 502, "WebSocket proxy to " + node.address() + " failed: "
                        + e.getMessage());
            }
            return GatewayEdge.ERRORS.write(response, callback, 400, "not a valid WebSocket upgrade request");
        }
        return super.handle(request, response, callback);
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
        MicroException error = new MicroException(GatewayEdge.ERRORS.id(), timeout ? 504 : 502, "proxy to "
                + proxyToServerRequest.getURI().getAuthority() + " failed: " + failure.getMessage());
        GatewayEdge.ERRORS.write(proxyToClientResponse, proxyToClientCallback, error);
    }
}
