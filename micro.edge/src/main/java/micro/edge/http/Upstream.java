package micro.edge.http;

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
 * Calls the service behind a request with the edge's deadline, passing {@code X-Micro-*} headers
 * on as metadata (and {@code X-Micro-Version} pins the call to that version of the service), and answers the exchange when the reply arrives: no edge thread waits for the
 * service, so a slow service holds no thread and a fast one costs no thread hand-off.
 */
public final class Upstream {

    /**
     * Writes the response for a reply; may throw a MicroException, which is written as JSON instead.
     * Runs where the reply was read, on the transport's I/O thread: it must not block.
     */
    public interface ReplyWriter {
        void write(Message reply);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Upstream.class);
    private static final String METADATA_PREFIX = "x-micro-";
    /** The version of the service a client asks for, as go-micro's {@code FilterVersion} picks it. */
    public static final String VERSION_HEADER = "X-Micro-Version";

    private final Client client;
    private final Duration timeout;
    private final EdgeErrors errors;
    private final NotFound notFound;

    /** What an edge answers when the service a request named is not in the registry. */
    @FunctionalInterface
    public interface NotFound {
        /**
         * @param detail "service S not found (how, endpoint E)"
         * @return the error to answer, usually a 404 with {@code detail} and a hint
         */
        MicroException of(Route route, String path, String detail);
    }

    /** @param notFound what to answer for a service the registry does not know (see {@link NotFound}) */
    public Upstream(Client client, Duration timeout, EdgeErrors errors, NotFound notFound) {
        this.errors = errors;
        this.notFound = notFound;
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * Calls {@code route} with a JSON request and completes the exchange with {@code writer}, or with
     * the error as JSON; an unknown service names the path and namespace it came from ({@code how}).
     */
    public boolean relay(Route route, byte[] json, Request request, String how, Response response, Callback callback,
            ReplyWriter writer) {
        return relay(route, json, null, request, how, response, callback, writer);
    }

    /** As {@link #relay(Route, byte[], Request, String, Response, Callback, ReplyWriter)}, to the node at {@code address} (null: any node). */
    public boolean relay(Route route, byte[] json, String address, Request request, String how, Response response,
            Callback callback, ReplyWriter writer) {
        // Every reply writer only writes the response, which never blocks: no hand-off to a pool thread.
        CallOptions options = CallOptions.defaults().withTimeout(timeout).withReplyOnIoThread();
        if (address != null && !address.isBlank()) {
            options = options.withAddress(address);
        }
        String version = request.getHeaders().get(VERSION_HEADER);
        if (version != null && !version.isBlank()) {
            options = options.withVersion(version.trim()); // pins the call to that version's nodes
        }
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
                    options);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        String path = request.getHttpURI().getDecodedPath();
        reply.whenComplete((message, error) -> {
            try {
                answer(message, error, route, how, path, response, callback, writer);
            } catch (RuntimeException e) {
                // Nothing else would end the exchange: the client would wait for its idle timeout.
                LOG.warn("{} could not answer {}", errors.id(), path, e);
                callback.failed(e);
            }
        });
        return true;
    }

    private void answer(Message message, Throwable error, Route route, String how, String path, Response response,
            Callback callback, ReplyWriter writer) {
        if (error != null) {
            errors.write(response, callback, asMicro(error, route, how, path));
            return;
        }
        try {
            writer.write(message);
        } catch (MicroException e) {
            errors.write(response, callback, e);
        } catch (RuntimeException e) {
            LOG.warn("{} failed to answer {} with the reply of {} {}", errors.id(), path, route.service(), route.endpoint(), e);
            errors.write(response, callback, 500, errors.id() + " failure: " + e.getMessage());
        }
    }

    /** The usual answer: the service's JSON reply as it came, with status 200. */
    public static ReplyWriter json(Response response, Callback callback) {
        return reply -> {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
        };
    }

    private MicroException asMicro(Throwable error, Route route, String how, String path) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        // Only when the missing service is the one the path named: a service it calls may be the one missing.
        if (cause instanceof ServiceNotFoundException missing && missing.service().equals(route.service())) {
            return notFound.of(route, path, "service " + route.service() + " not found (" + how + ", endpoint " + route.endpoint()
                    + ")");
        }
        return cause instanceof MicroException micro ? micro
                : new MicroException(errors.id(), 500, errors.id() + " failure: " + cause.getMessage(), cause);
    }
}
