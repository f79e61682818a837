package micro.transport.http.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import micro.api.MicroException;
import micro.api.transport.Message;
import micro.api.transport.Stream;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A {@link Stream} over one WebSocket, the same on both ends. Each message is a binary WebSocket
 * message (one frame or several) whose first byte says what it holds: {@code M} a message body,
 * {@code E} an error as JSON, {@code C} the end of the sender's side. Sends wait until the frame is
 * written, so a fast sender cannot outrun the socket; received messages wait in a bounded
 * {@link StreamInbox}, and while it is full no frame is read, so a fast peer is held back by TCP.
 * A peer that breaks the rules (a message over the size limit, text frames, a message after its own
 * end) gets the socket closed with 1009, 1003 or 1008.
 */
class WebSocketStream implements Stream, FrameHandler {

    static final byte MESSAGE = 'M';
    private static final byte ERROR = 'E';
    private static final byte END = 'C';
    private static final Object ENDED = new Object();
    private static final String ID = "micro.transport.http";

    // Read-ahead per stream: enough to keep a pipe busy, small enough that thousands of streams fit.
    private static final int INBOX_MESSAGES = 64;
    private static final long INBOX_BYTES = 1024 * 1024;

    private final StreamInbox inbox = new StreamInbox(INBOX_MESSAGES, INBOX_BYTES);
    private final MessageAssembler assembler;
    private final int maxMessageBytes;
    private final String contentType;
    private volatile CoreSession session;
    private volatile boolean sentEnd;     // no more sends from this side
    private volatile boolean endWritten;  // the end (or error) frame is on the wire: closing now loses nothing
    private volatile boolean receivedEnd;
    private volatile boolean refused;     // the peer broke the rules: the socket is closing with a code of ours

    WebSocketStream(String contentType, int maxMessageBytes) {
        this.contentType = contentType == null ? "application/json" : contentType;
        this.maxMessageBytes = maxMessageBytes;
        // +1: the kind byte rides in front of a body of up to the limit
        this.assembler = new MessageAssembler(maxMessageBytes + 1);
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        callback.succeeded();
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
        byte[] whole;
        try {
            whole = assembler.add(frame);
        } catch (MessageAssembler.Refused e) {
            callback.succeeded();
            refuse(e.closeCode(), e.getMessage());
            return;
        }
        callback.succeeded();
        if (whole == null || accept(whole)) {
            session.demand();
        }
    }

    /** A whole message arrived; true to read on, false while the inbox is full (or the socket is closing). */
    private boolean accept(byte[] whole) {
        if (whole.length == 0) {
            refuse(CloseStatus.PROTOCOL, "a stream message needs its kind byte");
            return false;
        }
        if (receivedEnd) {
            refuse(CloseStatus.POLICY_VIOLATION, "message after the end of the stream");
            return false;
        }
        return onMessage(whole[0], Arrays.copyOfRange(whole, 1, whole.length));
    }

    /**
     * A message of the other end; true to read on. The server end overrides this to start serving on
     * the first message.
     */
    boolean onMessage(byte kind, byte[] body) {
        switch (kind) {
            case MESSAGE -> {
                return inbox.add(new Message(Map.of(Message.CONTENT_TYPE, contentType), body));
            }
            case ERROR -> {
                receivedEnd = true;
                inbox.finish(ErrorBodies.read(500, body));
                return true;
            }
            case END -> {
                receivedEnd = true;
                inbox.finish(ENDED);
                closeIfDone();
                return true;
            }
            default -> {
                refuse(CloseStatus.PROTOCOL, "unknown stream message kind " + kind);
                return false;
            }
        }
    }

    /** This end will read no more: what is queued is let go and what still comes is dropped. */
    void stopReading() {
        if (inbox.refuse() && session != null) {
            session.demand();
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        inbox.finish(new MicroException(ID, 502, "stream broke: " + cause.getMessage()));
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        if (!receivedEnd) {
            inbox.finish(status.getCode() == CloseStatus.NORMAL ? ENDED
                    : new MicroException(ID, 502, "stream closed: " + status.getCode() + " " + status.getReason()));
        }
        callback.succeeded();
    }

    @Override
    public void send(Message message) {
        if (sentEnd) {
            throw new MicroException(ID, 400, "this side of the stream is closed");
        }
        if (message.body().length > maxMessageBytes) {
            throw new MicroException(ID, 413, "stream message of " + message.body().length + " bytes exceeds the limit of "
                    + maxMessageBytes + " bytes");
        }
        write(MESSAGE, message.body());
    }

    @Override
    public Message receive(Duration timeout) {
        StreamInbox.Taken taken;
        try {
            taken = inbox.take(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MicroException(ID, 503, "interrupted while waiting on the stream");
        }
        if (taken == null) {
            throw new MicroException("micro.transport", 408, "no message on the stream within " + timeout.toMillis() + " ms");
        }
        if (taken.resume()) {
            session.demand();
        }
        Object item = taken.item();
        if (item == ENDED) {
            return null;
        }
        if (item instanceof MicroException error) {
            throw error;
        }
        return (Message) item;
    }

    @Override
    public void close() {
        if (!sentEnd && session != null && session.isOutputOpen()) {
            sentEnd = true;
            try {
                write(END, new byte[0]);
            } catch (MicroException e) {
                // the other end went away: nothing left to end
            }
        }
        sentEnd = true;
        endWritten = true;
        closeIfDone();
    }

    @Override
    public void fail(MicroException error) {
        if (!sentEnd && session != null && session.isOutputOpen()) {
            sentEnd = true;
            try {
                write(ERROR, ErrorBodies.write(error));
            } catch (MicroException e) {
                // the other end went away: it cannot hear the error any more
            }
        }
        sentEnd = true;
        endWritten = true;
        closeSocket("failed");
    }

    /** Closes the socket normally; only after this side's last frame is written, so nothing is lost. */
    void closeSocket(String reason) {
        if (!refused && session != null && session.isOutputOpen()) {
            session.close(CloseStatus.NORMAL, reason, Callback.NOOP);
        }
    }

    /** Closes the socket once both sides ended. */
    private void closeIfDone() {
        if (endWritten && receivedEnd) {
            closeSocket("done");
        }
    }

    /** The peer broke the rules: the reader sees why, the peer gets the close code. */
    private void refuse(int closeCode, String reason) {
        refused = true; // from here on the socket closes with this code, not normally
        int code = closeCode == CloseStatus.MESSAGE_TOO_LARGE ? 413 : 400;
        inbox.finish(new MicroException(ID, code, "the other end broke the stream: " + reason));
        if (session.isOutputOpen()) {
            session.close(closeCode, reason, Callback.NOOP);
        }
    }

    private void write(byte kind, byte[] body) {
        byte[] payload = new byte[body.length + 1];
        payload[0] = kind;
        System.arraycopy(body, 0, payload, 1, body.length);
        FutureCallback written = new FutureCallback();
        session.sendFrame(new Frame(OpCode.BINARY).setPayload(ByteBuffer.wrap(payload)), written, false);
        try {
            written.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MicroException(ID, 503, "interrupted while sending on the stream");
        } catch (ExecutionException | TimeoutException e) {
            throw new MicroException(ID, 502, "cannot send on the stream: " + e.getMessage());
        }
    }
}
