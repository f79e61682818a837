package micro.edge.http;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/**
 * One proxied WebSocket: the browser's side opens only once the upstream node accepted, data frames
 * are passed on as they are, and each side asks for its next frame only after the previous one was
 * sent on (back-pressure end to end). A close on either side closes the other with the same status.
 */
final class WebSocketBridge {

    private final WebSocketCoreClient client;
    private final URI upstreamUri;
    private final Map<String, String> headers;
    private final Side downstream = new Side("client");
    private final Side upstream = new Side("upstream");
    private final AtomicBoolean closing = new AtomicBoolean();

    /** {@code headers}: what the route adds to the upstream's handshake (the web's base path), as on plain requests. */
    WebSocketBridge(WebSocketCoreClient client, URI upstreamUri, Map<String, String> headers) {
        this.client = client;
        this.upstreamUri = upstreamUri;
        this.headers = headers;
    }

    /** The handler of the browser's side, returned to the upgrade negotiation. */
    FrameHandler downstream() {
        return downstream;
    }

    private Side other(Side side) {
        return side == downstream ? upstream : downstream;
    }

    private final class Side implements FrameHandler {
        private final String name;
        private volatile CoreSession session;

        Side(String name) {
            this.name = name;
        }

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            session = coreSession;
            if (this == downstream) {
                try {
                    CoreClientUpgradeRequest handshake = CoreClientUpgradeRequest.from(client, upstreamUri, upstream);
                    handshake.headers(fields -> headers.forEach(fields::put));
                    client.connect(handshake).whenComplete((opened, failure) -> {
                        if (failure != null) {
                            callback.failed(failure);
                        } else {
                            callback.succeeded();
                            coreSession.demand();
                        }
                    });
                } catch (Exception e) {
                    callback.failed(e);
                }
            } else {
                callback.succeeded();
                coreSession.demand();
            }
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            byte opcode = frame.getOpCode();
            if (opcode == OpCode.CLOSE) {
                callback.succeeded(); // the core session answers the close; onClosed closes the other side
                return;
            }
            if (opcode == OpCode.PING || opcode == OpCode.PONG) {
                callback.succeeded(); // control frames are each hop's own business
                session.demand();
                return;
            }
            CoreSession target = other(this).session;
            if (target == null) {
                callback.failed(new IllegalStateException("the " + other(this).name + " side is not open"));
                return;
            }
            target.sendFrame(Frame.copy(frame), Callback.from(() -> {
                callback.succeeded();
                session.demand();
            }, callback::failed), false);
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            closeOther(new CloseStatus(CloseStatus.SERVER_ERROR, name + " failed: " + cause.getMessage()));
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus status, Callback callback) {
            closeOther(status);
            callback.succeeded();
        }

        private void closeOther(CloseStatus status) {
            CoreSession target = other(this).session;
            if (target != null && closing.compareAndSet(false, true) && target.isOutputOpen()) {
                int code = CloseStatus.isTransmittableStatusCode(status.getCode()) ? status.getCode() : CloseStatus.NORMAL;
                target.close(code, status.getReason(), Callback.NOOP);
            }
        }
    }
}
