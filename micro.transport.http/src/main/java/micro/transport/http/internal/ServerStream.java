package micro.transport.http.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import micro.api.MicroException;
import micro.api.transport.Message;
import micro.api.transport.StreamHandler;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;

/**
 * The server end of a stream: the upgrade request's headers and the first message make the opening
 * message, handed to the stream handler on a thread of its own; the stream ends when it returns.
 */
final class ServerStream extends WebSocketStream {

    private final Map<String, String> headers;
    private final StreamHandler handler;
    private final ExecutorService executor;
    private volatile boolean started;

    ServerStream(ServerUpgradeRequest request, StreamHandler handler, ExecutorService executor) {
        super(request.getHeaders().get("Content-Type"));
        this.headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.putIfAbsent(field.getName(), field.getValue());
        }
        this.handler = handler;
        this.executor = executor;
    }

    @Override
    void onMessage(byte kind, byte[] body) {
        if (started || kind != 'M') {
            super.onMessage(kind, body);
            return;
        }
        started = true;
        Message opening = new Message(headers, body);
        executor.execute(() -> {
            try {
                handler.serve(opening, this);
                close();
            } catch (MicroException e) {
                fail(e);
            } catch (RuntimeException e) {
                fail(MicroException.internal("micro.transport.http", String.valueOf(e.getMessage())));
            }
        });
    }
}
