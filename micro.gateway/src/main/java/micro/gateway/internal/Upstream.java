package micro.gateway.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.client.Client;
import micro.api.selector.ServiceNotFoundException;
import micro.api.transport.Message;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the service behind a request with the gateway's deadline, passing {@code X-Micro-*} headers
 * on as metadata, and answers the exchange when the reply arrives: no gateway thread waits for the
 * service, so a slow service holds no thread and a fast one costs no thread hand-off.
 */
final class Upstream {

    /** Writes the response for a reply; may throw a MicroException, which is written as JSON instead. */
    interface ReplyWriter {
        void write(Message reply);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Upstream.class);
    private static final String METADATA_PREFIX = "x-micro-";

    private final Client client;
    private final Duration timeout;

    Upstream(Client client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * Calls {@code route} with a JSON request and completes the exchange with {@code writer}, or with
     * the error as JSON; an unknown service names the path and namespace it came from ({@code how}).
     */
    boolean relay(Route route, byte[] json, Request request, String how, Response response, Callback callback,
            ReplyWriter writer) {
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            if (field.getName().regionMatches(true, 0, METADATA_PREFIX, 0, METADATA_PREFIX.length())) {
                headers.putIfAbsent(field.getName(), field.getValue());
            }
        }
        headers.put(Message.CONTENT_TYPE, "application/json");
        CompletableFuture<Message> reply;
        try {
            reply = client.invoke(route.service(), route.endpoint(), new Message(headers, json),
                    CallOptions.defaults().withTimeout(timeout));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        String path = request.getHttpURI().getDecodedPath();
        reply.whenComplete((message, error) -> {
            if (error != null) {
                GatewayErrors.write(response, callback, asMicro(error, route, how, path));
                return;
            }
            try {
                writer.write(message);
            } catch (MicroException e) {
                GatewayErrors.write(response, callback, e);
            } catch (RuntimeException e) {
                LOG.warn("gateway failed to answer {} with the reply of {} {}", path, route.service(), route.endpoint(), e);
                GatewayErrors.write(response, callback, 500, "gateway failure: " + e.getMessage());
            }
        });
        return true;
    }

    /** The usual answer: the service's JSON reply as it came, with status 200. */
    static ReplyWriter json(Response response, Callback callback) {
        return reply -> {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
        };
    }

    private static MicroException asMicro(Throwable error, Route route, String how, String path) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        // Only when the missing service is the one the path named: a service it calls may be the one missing.
        if (cause instanceof ServiceNotFoundException missing && missing.service().equals(route.service())) {
            return MicroException.notFound(GatewayErrors.ID, "service " + route.service() + " not found (" + how
                    + ", endpoint " + route.endpoint() + "); see micro:routes " + path);
        }
        return cause instanceof MicroException micro ? micro
                : new MicroException(GatewayErrors.ID, 500, "gateway failure: " + cause.getMessage(), cause);
    }
}
