package micro.edge.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * go-micro's {@code rpc} handler: the path names service and endpoint ({@link PathResolver}), the JSON
 * body (or the query parameters of a GET, or a form) is the request, the endpoint's JSON reply is the
 * response. The gateway's default handler, and the sidecar's catch-all.
 */
public final class PathCallHandler implements EdgeHandler {

    private final PathResolver resolver;
    private final BodyReader bodies;
    private final JsonBodies json;
    private final Upstream upstream;

    public PathCallHandler(PathResolver resolver, BodyReader bodies, JsonBodies json, Upstream upstream) {
        this.resolver = resolver;
        this.bodies = bodies;
        this.json = json;
        this.upstream = upstream;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath();
        Route route = resolver.rpcRoute(path);
        String how = "path " + path + " in namespace " + resolver.namespace();
        if (HttpMethod.GET.is(request.getMethod()) || HttpMethod.DELETE.is(request.getMethod())) {
            return upstream.relay(route, json.parameters(request.getHttpURI().getQuery()), request, how, response,
                    callback, Upstream.json(response, callback));
        }
        return bodies.read(request, response, callback, body -> upstream.relay(route, requestJson(request, body), request,
                how, response, callback, Upstream.json(response, callback)));
    }

    private byte[] requestJson(Request request, byte[] body) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        // curl -d sends JSON labelled as a form; a form never starts with '{', so such a body is JSON.
        if (type != null && MimeTypes.Type.FORM_ENCODED.is(MimeTypes.getBase(type)) && !looksLikeJsonObject(body)) {
            return json.parameters(JsonBodies.text(body));
        }
        return json.checked(body);
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
