package micro.gateway.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import micro.api.MicroException;
import micro.api.gateway.ApiRequest;
import micro.api.gateway.ApiResponse;
import micro.api.gateway.Pair;
import micro.edge.http.BodyReader;
import micro.edge.http.EdgeHandler;
import micro.edge.http.JsonBodies;
import micro.edge.http.PathResolver;
import micro.edge.http.Route;
import micro.edge.http.Upstream;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The {@code api} handler: the service receives the whole HTTP request as an {@link ApiRequest} and
 * answers an {@link ApiResponse} with the status, headers and body to send.
 */
final class ApiRouteHandler implements EdgeHandler {

    private final PathResolver resolver;
    private final BodyReader bodies;
    private final Upstream upstream;

    ApiRouteHandler(PathResolver resolver, BodyReader bodies, Upstream upstream) {
        this.resolver = resolver;
        this.bodies = bodies;
        this.upstream = upstream;
    }

    /** Errors escape as MicroExceptions: the {@link Router} writes them as JSON. */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath();
        Route route = resolver.rpcRoute(path);
        return bodies.read(request, response, callback, body -> upstream.relay(route, GatewayEdge.JSON.write(apiRequest(request, body)), request,
                "api handler, path " + path + " in namespace " + resolver.namespace(), response, callback, reply -> {
                    ApiResponse answer = decode(reply.body(), route);
                    response.setStatus(answer.statusCode() == 0 ? 200 : answer.statusCode());
                    for (Pair header : answer.header().values()) {
                        for (String value : header.values()) {
                            response.getHeaders().add(header.key(), value);
                        }
                    }
                    response.write(true, ByteBuffer.wrap(answer.body().getBytes(StandardCharsets.UTF_8)), callback);
                }));
    }

    private static ApiRequest apiRequest(Request request, byte[] body) {
        Map<String, Pair> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.merge(field.getName(), new Pair(field.getName(), List.of(field.getValue())),
                    (a, b) -> new Pair(a.key(), concat(a.values(), b.values())));
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        boolean form = type != null && MimeTypes.Type.FORM_ENCODED.is(MimeTypes.getBase(type));
        String text = JsonBodies.text(body);
        return new ApiRequest(request.getMethod(), request.getHttpURI().getDecodedPath(), headers,
                pairs(GatewayEdge.JSON.multi(request.getHttpURI().getQuery())), form ? pairs(GatewayEdge.JSON.multi(text)) : Map.of(),
                text, request.getHttpURI().asString());
    }

    private static ApiResponse decode(byte[] reply, Route route) {
        try {
            return GatewayEdge.MAPPER.readValue(reply, ApiResponse.class);
        } catch (IOException e) {
            throw new MicroException(GatewayEdge.ERRORS.id(), 502, route + " did not answer an api response {statusCode, header, body}: "
                    + e.getMessage());
        }
    }

    private static Map<String, Pair> pairs(Map<String, List<String>> values) {
        Map<String, Pair> pairs = new LinkedHashMap<>();
        values.forEach((name, list) -> pairs.put(name, new Pair(name, list)));
        return pairs;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
