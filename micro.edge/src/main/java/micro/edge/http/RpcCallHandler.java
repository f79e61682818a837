package micro.edge.http;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /rpc} with {@code {"service", "endpoint", "request", "address"}}: any service in any
 * namespace ({@code method} is accepted for {@code endpoint}, the request may be a JSON string), and
 * with {@code address} one node of it directly, as go-micro's {@code CallRemote}.
 */
public final class RpcCallHandler implements EdgeHandler {

    private static final byte[] EMPTY_OBJECT = { '{', '}' };

    private final EdgeErrors errors;
    private final BodyReader bodies;
    private final JsonBodies json;
    private final Upstream upstream;
    private final Consumer<Request> admission;

    public RpcCallHandler(EdgeErrors errors, BodyReader bodies, JsonBodies json, Upstream upstream) {
        this(errors, bodies, json, upstream, request -> { });
    }

    /**
     * @param admission may refuse a call by throwing a MicroException; it runs once the body is read, so
     *        that a refusal leaves the connection fit for the client's next request
     */
    public RpcCallHandler(EdgeErrors errors, BodyReader bodies, JsonBodies json, Upstream upstream, Consumer<Request> admission) {
        this.errors = errors;
        this.bodies = bodies;
        this.json = json;
        this.upstream = upstream;
        this.admission = admission;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return errors.write(response, callback, 405, "/rpc takes POST {\"service\", \"endpoint\", \"request\"}");
        }
        return bodies.read(request, response, callback, body -> {
            admission.accept(request);
            return relay(json.tree(body), request, response, callback);
        });
    }

    private boolean relay(JsonNode call, Request request, Response response, Callback callback) {
        String service = call.path("service").asText("");
        String endpoint = call.hasNonNull("endpoint") ? call.path("endpoint").asText("") : call.path("method").asText("");
        if (service.isBlank() || endpoint.isBlank()) {
            throw errors.badRequest("/rpc needs \"service\" and \"endpoint\", e.g. {\"service\":\"micro.srv.greeter\","
                    + "\"endpoint\":\"Say.Hello\",\"request\":{\"name\":\"John\"}}");
        }
        JsonNode payload = call.path("request");
        byte[] requestJson = payload.isMissingNode() || payload.isNull() ? EMPTY_OBJECT
                : payload.isTextual() ? json.checked(payload.asText().getBytes(StandardCharsets.UTF_8))
                : json.write(payload);
        String address = call.path("address").asText("");
        return upstream.relay(new Route(service, endpoint), requestJson, address, request, "named in the /rpc body",
                response, callback, Upstream.json(response, callback));
    }
}
