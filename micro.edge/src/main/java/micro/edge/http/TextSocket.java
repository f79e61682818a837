package micro.edge.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A WebSocket of text messages at an edge, bounded both ways: frames are joined into a message of at
 * most {@code maxMessageBytes} (a larger one closes the socket with 1009, message too big), the next
 * frame is asked for only after a message was handled (a fast peer is held back by TCP, not by
 * memory), binary messages are refused with 1003, and a peer that does not read what it is sent is
 * closed with 1008 once {@code maxPendingSends} messages wait for it, instead of growing a queue.
 */
public abstract class TextSocket implements FrameHandler {

    private final int maxMessageBytes;
    private final int maxPendingSends;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile CoreSession session;

    protected TextSocket(int maxMessageBytes, int maxPendingSends) {
        this.maxMessageBytes = maxMessageBytes;
        this.maxPendingSends = maxPendingSends;
    }

    /** The socket is open: subscribe, watch, send a greeting. */
    protected abstract void opened();

    /** A whole text message from the peer; may block briefly (the next frame waits for it). */
    protected abstract void onText(String text);

    /** The socket closed, either way: release what {@link #opened()} took. */
    protected abstract void closed();

    /** Sends a text message, or closes the socket when the peer has stopped reading. */
    public void send(String text) {
        CoreSession open = session;
        if (open == null || open.isClosed()) {
            return;
        }
        if (pending.incrementAndGet() > maxPendingSends) {
            pending.decrementAndGet();
            close(CloseStatus.POLICY_VIOLATION, "the peer does not read: " + maxPendingSends + " messages wait for it");
            return;
        }
        Frame frame = new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        open.sendFrame(frame, Callback.from(pending::decrementAndGet, failure -> pending.decrementAndGet()), false);
    }

    /** Closes with {@code code} and a reason the peer can read. */
    public void close(int code, String reason) {
        CoreSession open = session;
        if (open != null && !open.isClosed()) {
            open.close(code, reason.length() > 120 ? reason.substring(0, 120) : reason, Callback.NOOP);
        }
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        callback.succeeded();
        opened();
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        byte opcode = frame.getOpCode();
        if (OpCode.isControlFrame(opcode)) {
            callback.succeeded(); // the core session answers pings and closes itself
            if (opcode != OpCode.CLOSE) {
                session.demand();
            }
            return;
        }
        if (opcode == OpCode.BINARY) { // no demand after it: the rest of that message is never read
            callback.succeeded();
            close(CloseStatus.BAD_DATA, "send text messages (JSON)");
            return;
        }
        if (opcode == OpCode.TEXT) {
            partial.reset();
        }
        if (partial.size() + frame.getPayloadLength() > maxMessageBytes) {
            callback.succeeded();
            partial.reset();
            close(CloseStatus.MESSAGE_TOO_LARGE, "message larger than " + maxMessageBytes + " bytes");
            return;
        }
        ByteBuffer payload = frame.getPayload();
        if (payload != null) {
            byte[] bytes = BufferUtil.toArray(payload);
            partial.write(bytes, 0, bytes.length);
        }
        callback.succeeded();
        if (frame.isFin()) {
            String text = partial.toString(StandardCharsets.UTF_8);
            partial.reset();
            onText(text);
        }
        session.demand();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        callback.succeeded();
        closed();
    }
}
