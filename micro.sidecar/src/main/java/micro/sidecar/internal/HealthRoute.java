package micro.sidecar.internal;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import micro.edge.http.AppHealth;
import micro.edge.http.EdgeHandler;
import micro.edge.http.Registrations;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /health}: 200 when every app's health URL last answered 200 (or it has none), else the
 * status the first failing app answered (500 when it did not answer), with each node's last check.
 */
final class HealthRoute implements EdgeHandler {

    private final Registrations registrations;

    HealthRoute(Registrations registrations) {
        this.registrations = registrations;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = 200;
        Map<String, Object> nodes = new LinkedHashMap<>();
        for (Map.Entry<String, AppHealth.Status> entry : registrations.health().entrySet()) {
            AppHealth.Status check = entry.getValue();
            nodes.put(entry.getKey(), Map.of("healthy", check.healthy(), "detail", check.detail()));
            if (!check.healthy() && status == 200) {
                status = check.code() >= 400 && check.code() <= 599 ? check.code() : 500;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status == 200 ? "ok" : "failing");
        body.put("nodes", nodes);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(SidecarJson.bytes(body)), callback);
        return true;
    }
}
