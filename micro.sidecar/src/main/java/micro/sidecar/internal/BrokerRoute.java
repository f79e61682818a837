package micro.sidecar.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import micro.api.MicroException;
import micro.api.broker.Broker;
import micro.api.transport.Message;
import micro.edge.http.BodyReader;
import micro.edge.http.EdgeHandler;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /broker?topic=T}: publishes the body on T with the request's headers as the message's
 * (those of HTTP itself left out). The WebSocket of the same path is {@link BrokerSocket}.
 */
final class BrokerRoute implements EdgeHandler {

    private static final java.util.Set<String> HTTP_ONLY = java.util.Set.of("host", "content-length", "connection",
            "accept", "accept-encoding", "user-agent", "transfer-encoding", "expect", "upgrade", "authorization");

    private final Supplier<Broker> broker;
    private final BodyReader bodies;

    BrokerRoute(Supplier<Broker> broker, BodyReader bodies) {
        this.broker = broker;
        this.bodies = bodies;
    }

    /** The topic of a /broker request; 400 without one. */
    static String topic(Request request) {
        String topic = Request.extractQueryParameters(request).getValue("topic");
        if (topic == null || topic.isBlank()) {
            throw MicroException.badRequest(Sidecar.ERRORS.id(), "/broker needs a topic: /broker?topic=NAME[&queue=GROUP]");
        }
        return topic.trim();
    }

    static Broker available(Supplier<Broker> broker, String topic) {
        Broker current = broker.get();
        if (current == null) {
            throw MicroException.unavailable(Sidecar.ERRORS.id(), "no broker is installed for topic " + topic
                    + "; try again shortly");
        }
        return current;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return Sidecar.ERRORS.write(response, callback, 405, "publish with POST /broker?topic=NAME, "
                    + "or open a WebSocket on it to subscribe");
        }
        String topic = topic(request);
        Broker current = available(broker, topic);
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            if (!HTTP_ONLY.contains(field.getLowerCaseName())) {
                headers.putIfAbsent(field.getName(), field.getValue());
            }
        }
        headers.putIfAbsent(Message.CONTENT_TYPE, "application/json");
        return bodies.read(request, response, callback, body -> {
            current.publish(topic, new Message(headers, body));
            return RegistryRoute.json(response, callback, Map.of("published", topic, "bytes", body.length));
        });
    }
}
