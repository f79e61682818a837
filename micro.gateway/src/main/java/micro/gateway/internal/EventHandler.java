package micro.gateway.internal;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import micro.api.MicroException;
import micro.api.broker.Broker;
import micro.api.transport.Message;
import micro.edge.http.BodyReader;
import micro.edge.http.EdgeHandler;
import micro.edge.http.JsonBodies;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /event/TOPIC}: publishes {@code {name, id, timestamp, header, data}} on the broker, the
 * body as {@code data} (JSON as it is, anything else as a string). 503 while no broker is installed.
 */
final class EventHandler implements EdgeHandler {

    static final String PREFIX = "/event/";

    private final BodyReader bodies;
    private final Supplier<Broker> broker;

    EventHandler(BodyReader bodies, Supplier<Broker> broker) {
        this.bodies = bodies;
        this.broker = broker;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return GatewayEdge.ERRORS.write(response, callback, 405, "events are published with POST " + PREFIX + "TOPIC");
        }
        String topic = request.getHttpURI().getDecodedPath().substring(PREFIX.length());
        if (topic.isBlank() || topic.contains("/")) {
            return GatewayEdge.ERRORS.write(response, callback, 400, "publish to " + PREFIX + "TOPIC with one topic name, e.g. "
                    + PREFIX + "micro.topic.greeted");
        }
        Broker current = broker.get();
        if (current == null) {
            return GatewayEdge.ERRORS.write(response, callback, 503, "no broker is installed to publish " + topic);
        }
        return bodies.read(request, response, callback, body -> publish(current, topic, body, request, response, callback));
    }

    private boolean publish(Broker current, String topic, byte[] body, Request request, Response response, Callback callback) {
        try {
            String id = UUID.randomUUID().toString();
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("name", topic);
            event.put("id", id);
            event.put("timestamp", System.currentTimeMillis() / 1000);
            event.put("header", headers(request));
            event.put("data", data(body));
            current.publish(topic, new Message(Map.of(Message.CONTENT_TYPE, "application/json", Message.ID, id),
                    GatewayEdge.JSON.write(event)));
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(GatewayEdge.JSON.write(Map.of("id", id))), callback);
            return true;
        } catch (MicroException e) {
            return GatewayEdge.ERRORS.write(response, callback, e);
        } catch (RuntimeException e) {
            return GatewayEdge.ERRORS.write(response, callback, 502, "the broker refused the event: " + e.getMessage());
        }
    }

    private static Object data(byte[] body) {
        try {
            JsonNode json = GatewayEdge.MAPPER.readTree(body);
            return json == null || json.isMissingNode() ? "" : json;
        } catch (java.io.IOException e) {
            return JsonBodies.text(body);
        }
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), n -> new java.util.ArrayList<>()).add(field.getValue());
        }
        return headers;
    }
}
