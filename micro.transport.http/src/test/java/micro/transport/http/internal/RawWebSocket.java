package micro.transport.http.internal;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/**
 * A WebSocket peer that speaks frames, not our stream protocol: it sends whatever frames a test (or
 * an attacker) wants and drops what it receives, so the server end's defences can be tried.
 */
public final class RawWebSocket implements FrameHandler, AutoCloseable {

    private final WebSocketCoreClient client = new WebSocketCoreClient();
    public final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    private volatile CoreSession session;

    RawWebSocket(String address) throws Exception {
        this(address, "greeter", "Say.Stream");
    }

    /** Opens a stream to {@code service}'s {@code endpoint} at {@code address} (host:port). */
    public RawWebSocket(String address, String service, String endpoint) throws Exception {
        client.start();
        CoreClientUpgradeRequest upgrade = CoreClientUpgradeRequest.from(client, URI.create("ws://" + address + "/"), this);
        upgrade.headers(headers -> {
            headers.put("Micro-Service", service);
            headers.put("Micro-Endpoint", endpoint);
            headers.put("Content-Type", "application/json");
        });
        client.connect(upgrade).get(10, TimeUnit.SECONDS);
    }

    /** Sends one frame; does not wait for it to be written. */
    public void send(Frame frame, Callback callback) {
        session.sendFrame(frame, callback, false);
    }

    /** Ends the socket normally, if it is still open, and waits until it is closed. */
    public void closeSocket() throws Exception {
        if (session.isOutputOpen()) {
            session.close(CloseStatus.NORMAL, "done", Callback.NOOP);
        }
        closed.get(20, TimeUnit.SECONDS);
    }

    /** Sends one frame and waits until it is written. */
    public void sendAndWait(Frame frame) throws Exception {
        FutureCallback written = new FutureCallback();
        session.sendFrame(frame, written, false);
        written.get(10, TimeUnit.SECONDS);
    }

    public static Frame message(byte kind, byte[] body, byte opcode, boolean fin) {
        byte[] payload = new byte[body.length + 1];
        payload[0] = kind;
        System.arraycopy(body, 0, payload, 1, body.length);
        return new Frame(opcode).setPayload(ByteBuffer.wrap(payload)).setFin(fin);
    }

    public static Frame fragment(byte[] bytes, byte opcode, boolean fin) {
        return new Frame(opcode).setPayload(ByteBuffer.wrap(bytes)).setFin(fin);
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        callback.succeeded();
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        callback.succeeded();
        if (frame.getOpCode() != OpCode.CLOSE) {
            session.demand();
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        closed.complete(status);
        callback.succeeded();
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
