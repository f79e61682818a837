package micro.gateway.internal;

import micro.edge.http.BodyReader;
import micro.edge.http.EdgeHandler;
import micro.edge.http.JsonBodies;
import micro.edge.http.PathResolver;
import micro.edge.http.Route;
import micro.edge.http.Upstream;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The {@code rpc} handler: the path names service and endpoint, the JSON body (or the query
 * parameters of a GET, or a form) is the request, the endpoint's JSON reply is the response.
 */
final class RpcRouteHandler implements EdgeHandler {

    private final PathResolver resolver;
    private final BodyReader bodies;
    private final Upstream upstream;

    RpcRouteHandler(PathResolver resolver, BodyReader bodies, Upstream upstream) {
        this.resolver = resolver;
        this.bodies = bodies;
        this.upstream = upstream;
    }

    /** Errors escape as MicroExceptions: the {@link Router} writes them as JSON. */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath();
        Route route = resolver.rpcRoute(path);
        String how = "path " + path + " in namespace " + resolver.namespace();
        if (HttpMethod.GET.is(request.getMethod()) || HttpMethod.DELETE.is(request.getMethod())) {
            return upstream.relay(route, GatewayEdge.JSON.parameters(request.getHttpURI().getQuery()), request, how, response,
                    callback, Upstream.json(response, callback));
        }
        return bodies.read(request, response, callback, body -> upstream.relay(route, requestJson(request, body), request,
                how, response, callback, Upstream.json(response, callback)));
    }

    private static byte[] requestJson(Request request, byte[] body) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        // curl -d sends JSON labelled as a form; a form never starts with '{', so such a body is JSON.
        if (type != null && MimeTypes.Type.FORM_ENCODED.is(MimeTypes.getBase(type)) && !looksLikeJsonObject(body)) {
            return GatewayEdge.JSON.parameters(JsonBodies.text(body));
        }
        return GatewayEdge.JSON.checked(body);
    }

    private static boolean looksLikeJsonObject(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }
}
