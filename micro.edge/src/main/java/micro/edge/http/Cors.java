package micro.edge.http;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.CrossOriginHandler;

/** CORS for an edge, as its configuration names origins and request headers: an allowlist, empty by default. */
public final class Cors {

    private Cors() {
    }

    /** {@code handler} behind CORS for {@code origins} (comma-separated; * for any), or itself when there are none. */
    public static Handler around(Handler handler, String origins, String headers) {
        Set<String> patterns = new LinkedHashSet<>();
        for (String origin : origins.split(",")) {
            if (!origin.isBlank()) {
                patterns.add(origin.trim().equals("*") ? ".*" : Pattern.quote(origin.trim()));
            }
        }
        if (patterns.isEmpty()) {
            return handler;
        }
        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(patterns);
        cors.setAllowedMethods(Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        // Jetty matches header names exactly: a pattern like X-Micro-* would be sent to browsers literally.
        Set<String> allowedHeaders = new LinkedHashSet<>();
        for (String header : headers.split(",")) {
            if (!header.isBlank()) {
                allowedHeaders.add(header.trim());
            }
        }
        cors.setAllowedHeaders(allowedHeaders);
        cors.setAllowCredentials(true);
        cors.setHandler(handler);
        return cors;
    }
}
