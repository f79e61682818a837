package micro.transport.http.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import micro.api.MicroException;
import micro.api.transport.Message;
import micro.api.transport.StreamHandler;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;

/**
 * The server end of a stream: the upgrade request's headers and the first message make the opening
 * message, handed to the stream handler on a thread of the listener's bounded stream pool (503 when
 * all are busy). The stream ends when the handler returns: this end reads no more, and the socket
 * closes right after the end (or error) is written, so a peer cannot keep a finished stream busy.
 */
final class ServerStream extends WebSocketStream {

    private final Map<String, String> headers;
    private final StreamHandler handler;
    private final Executor executor;
    private volatile boolean started;

    ServerStream(ServerUpgradeRequest request, StreamHandler handler, Executor executor, int maxMessageBytes) {
        super(request.getHeaders().get("Content-Type"), maxMessageBytes);
        this.headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.putIfAbsent(field.getName(), field.getValue());
        }
        this.handler = handler;
        this.executor = executor;
    }

    @Override
    boolean onMessage(byte kind, byte[] body) {
        if (started || kind != MESSAGE) {
            return super.onMessage(kind, body);
        }
        started = true;
        Message opening = new Message(headers, body);
        try {
            executor.execute(() -> serve(opening));
        } catch (RejectedExecutionException e) {
            fail(MicroException.unavailable("micro.transport.http", "too many open streams on this node; try again later"));
        }
        return true;
    }

    private void serve(Message opening) {
        try {
            handler.serve(opening, this);
            close();
        } catch (MicroException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(MicroException.internal("micro.transport.http", String.valueOf(e.getMessage())));
        } finally {
            stopReading();
            closeSocket("served");
        }
    }
}
