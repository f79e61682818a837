package micro.api.gateway;

import java.util.Map;

/**
 * An HTTP request as the gateway's {@code api} handler passes it to a service.
 *
 * @param method the HTTP method
 * @param path the request path
 * @param header the request headers
 * @param get the query parameters
 * @param post the form parameters of a form body
 * @param body the body as text
 * @param url the full request URL
 */
public record ApiRequest(String method, String path, Map<String, Pair> header, Map<String, Pair> get,
        Map<String, Pair> post, String body, String url) {

    public ApiRequest {
        header = header == null ? Map.of() : Map.copyOf(header);
        get = get == null ? Map.of() : Map.copyOf(get);
        post = post == null ? Map.of() : Map.copyOf(post);
        body = body == null ? "" : body;
    }
}
