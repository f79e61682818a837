package micro.web.internal;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import micro.api.MicroException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Who may drive {@code /rpc} and {@code /cli}: a JSON body (a cross-site form cannot send one without a CORS preflight,
 * which an empty allowlist refuses) from this origin or one the CORS allowlist names.
 */
final class OriginCheck {

    private final Set<String> allowed;

    OriginCheck(String cors) {
        allowed = Stream.of(cors.split(",")).map(String::trim).filter(origin -> !origin.isEmpty()).collect(Collectors.toSet());
    }

    void check(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.startsWith("application/json")) {
            throw new MicroException(WebDashboard.ERRORS.id(), 415, request.getHttpURI().getPath()
                    + " takes Content-Type: application/json");
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null || allowed.contains("*") || allowed.contains(origin)) {
            return;
        }
        String own = request.getHttpURI().getScheme() + "://" + request.getHttpURI().getAuthority();
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (!origin.equals(own) && (host == null || !origin.endsWith("//" + host))) {
            throw new MicroException(WebDashboard.ERRORS.id(), 403, request.getHttpURI().getPath() + " from origin " + origin
                    + " is not allowed");
        }
    }
}
