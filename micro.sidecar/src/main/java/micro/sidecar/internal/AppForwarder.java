package micro.sidecar.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import micro.api.transport.Message;
import micro.edge.http.BodyReader;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code app_mode = forward}, for apps that cannot read headers: the sidecar is the apps' node, takes
 * each call in the transport's wire format and forwards it as {@code POST http://APP/Service/Method}
 * with the JSON request; the app's JSON reply goes back as it is, any other status as a JSON error
 * with that status (503 when the app does not answer, so callers retry elsewhere or later).
 */
final class AppForwarder {

    private final Map<String, AppSpec> apps;
    private final BodyReader bodies;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    AppForwarder(List<AppSpec> apps, BodyReader bodies, Duration timeout) {
        this.apps = apps.stream().collect(Collectors.toUnmodifiableMap(AppSpec::name, app -> app, (a, b) -> a));
        this.bodies = bodies;
        this.timeout = timeout;
    }

    boolean serves(String service) {
        return apps.containsKey(service);
    }

    /** {@code Say.Hello} → {@code /Say/Hello}. */
    static String path(String endpoint) {
        return "/" + String.join("/", endpoint.split("\\."));
    }

    boolean forward(String service, Request request, Response response, Callback callback) {
        AppSpec app = apps.get(service);
        String endpoint = request.getHeaders().get(Message.ENDPOINT);
        if (endpoint == null || !endpoint.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
            return Sidecar.ERRORS.write(response, callback, 400, "a call of " + service + " needs a Micro-Endpoint header "
                    + "such as Say.Hello; got " + endpoint);
        }
        URI target = URI.create("http://" + app.address() + path(endpoint));
        return bodies.read(request, response, callback, body -> {
            HttpRequest call = HttpRequest.newBuilder(target).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            http.sendAsync(call, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((reply, error) -> {
                if (error != null) {
                    Sidecar.ERRORS.write(response, callback, 503, "app " + service + " at " + app.address() + " did not answer "
                            + target.getPath() + ": " + error.getClass().getSimpleName());
                } else if (reply.statusCode() == 200) {
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                    response.write(true, ByteBuffer.wrap(reply.body()), callback);
                } else {
                    answerError(service, reply, response, callback);
                }
            });
            return true;
        });
    }

    /** The app's own JSON error as it is; anything else as an error of the app with its status and text. */
    private static void answerError(String service, HttpResponse<byte[]> reply, Response response, Callback callback) {
        int status = reply.statusCode() >= 400 && reply.statusCode() <= 599 ? reply.statusCode() : 502;
        JsonNode json = null;
        try {
            json = SidecarJson.MAPPER.readTree(reply.body());
        } catch (java.io.IOException notJson) {
            // a text or HTML error page: said below as text
        }
        if (json != null && json.has("code") && json.has("detail")) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
            return;
        }
        String text = new String(reply.body(), StandardCharsets.UTF_8);
        Sidecar.ERRORS.write(response, callback, new micro.api.MicroException(service, status,
                text.length() > 512 ? text.substring(0, 512) : text));
    }
}
