package micro.gateway.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.client.Client;
import micro.api.selector.ServiceNotFoundException;
import micro.api.transport.Message;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;

/**
 * Calls the service behind a request with the gateway's deadline, passing {@code X-Micro-*} headers
 * on as metadata. Blocks until the reply.
 */
final class Upstream {

    private static final String METADATA_PREFIX = "x-micro-";

    private final Client client;
    private final Duration timeout;

    Upstream(Client client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * The reply of {@code route} to a JSON request.
     *
     * @throws MicroException from the call; an unknown service names the path and namespace it came from
     */
    Message call(Route route, byte[] json, Request request, String how) {
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            if (field.getName().toLowerCase(Locale.ROOT).startsWith(METADATA_PREFIX)) {
                headers.putIfAbsent(field.getName(), field.getValue());
            }
        }
        headers.put(Message.CONTENT_TYPE, "application/json");
        try {
            return CallOptions.join(client.invoke(route.service(), route.endpoint(), new Message(headers, json),
                    CallOptions.defaults().withTimeout(timeout)));
        } catch (ServiceNotFoundException e) {
            throw MicroException.notFound(GatewayErrors.ID, "service " + route.service() + " not found (" + how
                    + ", endpoint " + route.endpoint() + "); see micro:routes " + request.getHttpURI().getPath());
        }
    }
}
