package micro.gateway.internal;

import com.fasterxml.jackson.databind.JsonNode;

import micro.api.MicroException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /rpc} with {@code {"service", "endpoint", "request"}}: any service in any namespace
 * ({@code method} is accepted for {@code endpoint}, and the request may be a JSON string).
 */
final class AnyServiceHandler implements GatewayHandler {

    private final BodyReader bodies;
    private final Upstream upstream;

    AnyServiceHandler(BodyReader bodies, Upstream upstream) {
        this.bodies = bodies;
        this.upstream = upstream;
    }

    /** Errors escape as MicroExceptions: the {@link Router} writes them as JSON. */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return GatewayErrors.write(response, callback, 405, "/rpc takes POST {\"service\", \"endpoint\", \"request\"}");
        }
        return bodies.read(request, response, callback, body -> relay(JsonBodies.tree(body), request, response, callback));
    }

    private boolean relay(JsonNode call, Request request, Response response, Callback callback) {
        String service = call.path("service").asText("");
        String endpoint = call.hasNonNull("endpoint") ? call.path("endpoint").asText("") : call.path("method").asText("");
        if (service.isBlank() || endpoint.isBlank()) {
            throw MicroException.badRequest(GatewayErrors.ID,
                    "/rpc needs \"service\" and \"endpoint\", e.g. {\"service\":\"micro.srv.greeter\",\"endpoint\":\"Say.Hello\","
                            + "\"request\":{\"name\":\"John\"}}");
        }
        JsonNode payload = call.path("request");
        byte[] json = payload.isMissingNode() || payload.isNull() ? new byte[] { '{', '}' }
                : payload.isTextual() ? JsonBodies.checked(payload.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : JsonBodies.write(payload);
        return upstream.relay(new Route(service, endpoint), json, request, "named in the /rpc body", response, callback,
                Upstream.json(response, callback));
    }
}
