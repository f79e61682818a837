package micro.core.internal.server;

import java.time.Duration;
import java.util.List;

import micro.api.codec.Codec;
import micro.api.transport.TransportHandler;
import micro.core.internal.codec.Codecs;

/**
 * A node's request handling outside OSGi, for the tests of other bundles: one service's handler
 * served with the given codecs, behind the JSON-RPC envelope, as the server hands it to a transport.
 */
public final class ServedHandlers {

    private ServedHandlers() {
    }

    public static TransportHandler of(List<Codec> codecs, String service, String handlerName, Object handler) {
        Codecs bound = new Codecs();
        codecs.forEach(bound::add);
        RequestDispatcher dispatcher = new RequestDispatcher(bound, Duration.ZERO);
        ServedService served = new ServedService(service, "latest", new DebugHandler(System.currentTimeMillis()));
        served.addHandler(handlerName, handler);
        dispatcher.services().put(service, served);
        return new JsonRpcHandler(dispatcher, dispatcher::servicesWithEndpoint);
    }
}
