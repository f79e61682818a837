package micro.transport.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import micro.api.MicroException;
import micro.api.transport.Message;
import micro.api.transport.TransportHandler;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code POST /}: reads the body (at most {@code maxBodyBytes}, else 413), hands the message to
 * the transport handler and writes its reply, or the error as JSON with the error's code as status.
 * Blocking: Jetty runs it on a pool thread.
 */
final class RpcHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(RpcHandler.class);
    private static final String JSON = "application/json";

    private final TransportHandler handler;
    private final int maxBodyBytes;

    RpcHandler(TransportHandler handler, int maxBodyBytes) {
        super(InvocationType.BLOCKING);
        this.handler = handler;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return fail(response, callback, new MicroException("micro.transport.http", 405,
                    request.getMethod() + " is not served: send requests as POST / with Micro-Service and Micro-Endpoint headers"));
        }
        if (request.getLength() > maxBodyBytes) {
            return fail(response, callback, tooLarge());
        }
        byte[] body;
        try {
            // With a declared length the array is allocated once at its size, not grown from 8 KB.
            long declared = request.getLength();
            body = Content.Source.asInputStream(request).readNBytes(declared >= 0 ? (int) declared : maxBodyBytes + 1);
        } catch (IOException e) {
            return fail(response, callback, MicroException.badRequest("micro.transport.http",
                    "cannot read the request body: " + e.getMessage()));
        }
        if (body.length > maxBodyBytes) {
            return fail(response, callback, tooLarge());
        }
        Message reply;
        try {
            reply = handler.handle(new Message(headers(request), body));
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

    private MicroException tooLarge() {
        return new MicroException("micro.transport.http", 413, "request body exceeds " + maxBodyBytes + " bytes");
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
