package micro.core.internal.server;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import micro.api.MicroException;
import micro.api.transport.Message;
import micro.api.transport.RemoteErrors;
import micro.api.transport.TransportHandler;
import micro.core.internal.codec.Codecs;
import micro.core.internal.codec.JsonCodec;

/**
 * Serves go-micro v1's JSON-RPC envelope ({@code Content-Type: application/json-rpc}), which is what
 * its HTTP transport sent: {@code {"method":"Say.Hello","params":[request],"id":7}} in,
 * {@code {"id":7,"result":reply,"error":null}} out. The envelope is opened here and the call goes on
 * as a JSON one, so every handler speaks it without knowing. Any other content type passes through.
 *
 * <p>As in JSON-RPC 1.0 (and as go-micro's client expects: it takes any other status for a broken
 * transport), a failed call is a 200 whose {@code error} is the failure as go-micro prints its
 * errors, the JSON {@code {"id","code","detail","status"}} in a string; the {@code Micro-Error}
 * header carries it too.
 */
final class JsonRpcHandler implements TransportHandler {

    static final String CONTENT_TYPE = "application/json-rpc";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TransportHandler calls;
    private final Function<String, List<String>> servicesWithEndpoint;

    /**
     * @param calls serves the opened call, a JSON one
     * @param servicesWithEndpoint the services served here that have an endpoint, for a request that
     *        names none (JSON-RPC has no place for it; go-micro sends the {@code Micro-Service} header)
     */
    JsonRpcHandler(TransportHandler calls, Function<String, List<String>> servicesWithEndpoint) {
        this.calls = calls;
        this.servicesWithEndpoint = servicesWithEndpoint;
    }

    @Override
    public Message handle(Message request) {
        if (!CONTENT_TYPE.equals(Codecs.baseType(request.header(Message.CONTENT_TYPE)))) {
            return calls.handle(request);
        }
        JsonNode id = NullNode.getInstance();
        try {
            JsonNode envelope = parse(request.body());
            id = envelope.path("id").isMissingNode() ? NullNode.getInstance() : envelope.get("id");
            String method = method(envelope);
            Message reply = calls.handle(new Message(opened(request, method), params(envelope)));
            return reply(id, MAPPER.readTree(reply.body()), null);
        } catch (MicroException e) {
            return reply(id, NullNode.getInstance(), e);
        } catch (IOException e) {
            return reply(id, NullNode.getInstance(), MicroException.internal("micro.server", "unreadable reply: " + e.getMessage()));
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode envelope = MAPPER.readTree(body);
            if (envelope == null || !envelope.isObject()) {
                throw MicroException.badRequest("micro.server", "a JSON-RPC request is an object {\"method\",\"params\",\"id\"}");
            }
            return envelope;
        } catch (IOException e) {
            throw MicroException.badRequest("micro.server", "malformed JSON-RPC request: " + e.getMessage());
        }
    }

    private static String method(JsonNode envelope) {
        JsonNode method = envelope.path("method");
        if (!method.isTextual() || method.asText().isBlank()) {
            throw MicroException.badRequest("micro.server", "a JSON-RPC request names its \"method\", e.g. \"Say.Hello\"");
        }
        return method.asText();
    }

    /** The request: the one element of {@code params} (go-micro sends one), or none for an empty call. */
    private static byte[] params(JsonNode envelope) throws IOException {
        JsonNode params = envelope.path("params");
        if (params.isMissingNode() || params.isNull() || params.isArray() && params.isEmpty()) {
            return new byte[0];
        }
        if (!params.isArray() || params.size() != 1) {
            throw MicroException.badRequest("micro.server", "JSON-RPC \"params\" holds the one request: [ {...} ]");
        }
        return MAPPER.writeValueAsBytes(params.get(0));
    }

    private Map<String, String> opened(Message request, String method) {
        String service = request.header(Message.SERVICE);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.put(Message.CONTENT_TYPE, JsonCodec.CONTENT_TYPE);
        headers.put(Message.ENDPOINT, method);
        headers.put(Message.SERVICE, service == null || service.isBlank() ? onlyServiceWith(method) : service);
        return headers;
    }

    private String onlyServiceWith(String method) {
        List<String> services = servicesWithEndpoint.apply(method);
        if (services.size() == 1) {
            return services.get(0);
        }
        if (services.isEmpty()) {
            throw MicroException.notFound("micro.server", "no service here has the endpoint " + method);
        }
        throw MicroException.badRequest("micro.server", method + " is an endpoint of " + String.join(", ", services)
                + ": name one in the " + Message.SERVICE + " header");
    }

    private static Message reply(JsonNode id, JsonNode result, MicroException error) {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.set("id", id);
        envelope.set("result", result);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(Message.CONTENT_TYPE, CONTENT_TYPE);
        if (error == null) {
            envelope.putNull("error");
        } else {
            String printed = printed(error);
            envelope.put("error", printed);
            headers.put(Message.ERROR, printed);
        }
        try {
            return new Message(headers, MAPPER.writeValueAsBytes(envelope));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** go-micro's {@code errors.Error()}: the error as a JSON object in a string. */
    private static String printed(MicroException error) {
        try {
            return MAPPER.writeValueAsString(RemoteErrors.fields(error));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
