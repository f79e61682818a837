package micro.transport.http.internal;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import micro.api.MicroException;
import micro.api.transport.Message;
import micro.api.transport.TransportHandler;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code POST /}: reads the body without holding a thread ({@link BodyReader}: 413, 408), hands
 * the message to the transport handler on a pool thread and writes its reply, or the error as JSON
 * with the error's code as status.
 */
final class RpcHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(RpcHandler.class);
    private static final String JSON = "application/json";

    private final TransportHandler handler;
    private final BodyReader bodies;

    RpcHandler(TransportHandler handler, BodyReader bodies) {
        super(InvocationType.BLOCKING);
        this.handler = handler;
        this.bodies = bodies;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return fail(response, callback, new MicroException("micro.transport.http", 405,
                    request.getMethod() + " is not served: send requests as POST / with Micro-Service and Micro-Endpoint headers"));
        }
        CompletableFuture<byte[]> body = bodies.read(request);
        if (body.isDone()) {
            return serve(request, body, response, callback); // the body came with the headers: no hand-off
        }
        body.whenCompleteAsync((bytes, error) -> serve(request, body, response, callback), request.getComponents().getExecutor());
        return true;
    }

    /** Runs the call on this (pool) thread; the handler may block. */
    private boolean serve(Request request, CompletableFuture<byte[]> body, Response response, Callback callback) {
        Message reply;
        try {
            reply = handler.handle(new Message(headers(request), body.join()));
        } catch (CompletionException e) {
            return fail(response, callback, (MicroException) e.getCause());
        } catch (MicroException e) {
            return fail(response, callback, e);
        } catch (RuntimeException e) {
            LOG.warn("request handler failed", e);
            return fail(response, callback, MicroException.internal("micro.transport.http", String.valueOf(e.getMessage())));
        }
        String contentType = reply.header(Message.CONTENT_TYPE);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType != null ? contentType : JSON);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
        return true;
    }

    private static Map<String, String> headers(Request request) {
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.putIfAbsent(field.getName(), field.getValue());
        }
        return headers;
    }

    private static boolean fail(Response response, Callback callback, MicroException error) {
        response.setStatus(error.code());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(ErrorBodies.write(error)), callback);
        return true;
    }

}
