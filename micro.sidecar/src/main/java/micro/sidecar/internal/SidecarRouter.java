package micro.sidecar.internal;

import java.util.Map;
import java.util.function.Supplier;

import micro.api.MicroException;
import micro.api.broker.Broker;
import micro.api.registry.Registry;
import micro.api.transport.Message;
import micro.edge.http.EdgeHandler;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar's routes, in micro's order: {@code /stats} (with {@code enable_stats}), {@code /health}, {@code /registry}, {@code /rpc},
 * {@code /broker}, then every other path as a call in the sidecar's namespace. WebSocket upgrades of
 * {@code /registry} and {@code /broker} are checked first (a topic, a registry, a broker), so a
 * refusal is a JSON error, not a failed handshake. Blocking, like the handlers it calls.
 */
final class SidecarRouter extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(SidecarRouter.class);
    private static final String SOCKET = "micro.sidecar.socket";

    /** What the routes need. */
    record Routes(EdgeHandler stats, EdgeHandler health, EdgeHandler registry, EdgeHandler rpc, EdgeHandler broker, EdgeHandler paths) {
    }

    private final Routes routes;
    private final AppForwarder forwarder;
    private final Supplier<Registry> registry;
    private final Supplier<Broker> broker;
    private final int maxMessageBytes;

    SidecarRouter(Routes routes, AppForwarder forwarder, Supplier<Registry> registry, Supplier<Broker> broker,
            int maxMessageBytes) {
        super(new WebSocketUpgradeHandler());
        this.routes = routes;
        this.forwarder = forwarder;
        this.registry = registry;
        this.broker = broker;
        this.maxMessageBytes = maxMessageBytes;
        ((WebSocketUpgradeHandler) getHandler()).addMapping("/*", this::socket);
    }

    /** The routes block (a local call, a registry read): never run them on an I/O thread. */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.BLOCKING;
    }

    /** The socket chosen before the upgrade began ({@link #handle}). */
    private FrameHandler socket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        return (FrameHandler) request.getAttribute(SOCKET);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath();
        try {
            return switch (path) {
                // Before the catch-all, and only when enabled (micro#109: /stats fell to the catch-all).
                case "/stats" -> routes.stats() != null ? routes.stats().handle(request, response, callback)
                        : routes.paths().handle(request, response, callback);
                case "/health" -> routes.health().handle(request, response, callback);
                case "/registry" -> isUpgrade(request) ? upgrade(registrySocket(request), request, response, callback)
                        : routes.registry().handle(request, response, callback);
                case "/rpc" -> routes.rpc().handle(request, response, callback);
                case "/broker" -> isUpgrade(request) ? upgrade(brokerSocket(request), request, response, callback)
                        : routes.broker().handle(request, response, callback);
                case "/" -> request.getHeaders().get(Message.SERVICE) != null ? call(request, response, callback)
                        : Sidecar.ERRORS.write(response, callback, 404, "the sidecar serves /health, /registry, /rpc, "
                                + "/broker and POST /SERVICE/ENDPOINT paths");
                default -> routes.paths().handle(request, response, callback);
            };
        } catch (MicroException e) {
            return Sidecar.ERRORS.write(response, callback, e);
        } catch (Exception e) {
            LOG.warn("sidecar route failed on {} {}", request.getMethod(), path, e);
            return Sidecar.ERRORS.write(response, callback, 500, "sidecar failure: " + e.getMessage());
        }
    }

    private static boolean isUpgrade(Request request) {
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket") && HttpMethod.GET.is(request.getMethod());
    }

    private FrameHandler registrySocket(Request request) {
        Registry current = registry.get();
        if (current == null) {
            throw MicroException.unavailable(Sidecar.ERRORS.id(), "no registry is installed to watch; try again shortly");
        }
        String service = Request.extractQueryParameters(request).getValue("service");
        return new RegistryWatchSocket(current, service, maxMessageBytes);
    }

    private FrameHandler brokerSocket(Request request) {
        String topic = BrokerRoute.topic(request);
        Broker current = BrokerRoute.available(broker, topic);
        return new BrokerSocket(current, topic, Request.extractQueryParameters(request).getValue("queue"), maxMessageBytes);
    }

    private boolean upgrade(FrameHandler socket, Request request, Response response, Callback callback) throws Exception {
        request.setAttribute(SOCKET, socket);
        if (super.handle(request, response, callback)) {
            return true;
        }
        return Sidecar.ERRORS.write(response, callback, 400, "not a valid WebSocket upgrade request");
    }

    /**
     * A call in the transport's wire format: for a forwarded app, on to it; for the sidecar itself
     * (registered as {@code micro.sidecar}, e.g. {@code micro.jar health micro.sidecar}) Debug.Health's
     * answer; anything else a 404.
     */
    private boolean call(Request request, Response response, Callback callback) {
        String service = request.getHeaders().get(Message.SERVICE);
        if (forwarder.serves(service)) {
            return forwarder.forward(service, request, response, callback);
        }
        String endpoint = request.getHeaders().get(Message.ENDPOINT);
        if (Sidecar.SERVICE.equals(service) && "Debug.Health".equals(endpoint)) {
            return RegistryRoute.json(response, callback, Map.of("status", "ok"));
        }
        return Sidecar.ERRORS.write(response, callback, 404, "the sidecar serves no endpoint " + endpoint + " of " + service
                + "; it is an HTTP edge (see /health, /registry, /rpc, /broker)");
    }
}
