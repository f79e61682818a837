package micro.api.gateway;

import java.util.Map;

/**
 * What a service answers to the gateway's {@code api} handler: status (0 means 200), headers, body.
 */
public record ApiResponse(int statusCode, Map<String, Pair> header, String body) {

    public ApiResponse {
        header = header == null ? Map.of() : Map.copyOf(header);
        body = body == null ? "" : body;
    }
}
