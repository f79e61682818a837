package micro.transport.http.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
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
 * A {@link Stream} over one WebSocket, the same on both ends. Each message is a binary frame whose
 * first byte says what it holds: {@code M} a message body, {@code E} an error as JSON, {@code C} the
 * end of the sender's side. Sends wait until the frame is written, so a fast sender cannot outrun
 * the socket; received frames queue up for {@link #receive}.
 */
class WebSocketStream implements Stream, FrameHandler {

    private static final byte MESSAGE = 'M';
    private static final byte ERROR = 'E';
    private static final byte END = 'C';
    private static final Object ENDED = new Object();

    private final BlockingQueue<Object> incoming = new LinkedBlockingQueue<>();
    private final String contentType;
    private volatile CoreSession session;
    private volatile boolean sentEnd;     // no more sends from this side
    private volatile boolean endWritten;  // the end (or error) frame is on the wire: closing now loses nothing
    private volatile boolean receivedEnd;

    WebSocketStream(String contentType) {
        this.contentType = contentType == null ? "application/json" : contentType;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        callback.succeeded();
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        if (frame.getOpCode() == OpCode.BINARY && frame.getPayloadLength() > 0) {
            ByteBuffer payload = frame.getPayload();
            byte kind = payload.get(payload.position());
            byte[] body = new byte[payload.remaining() - 1];
            payload.duplicate().position(payload.position() + 1).get(body);
            onMessage(kind, body);
        }
        callback.succeeded();
        session.demand();
    }

    /** A frame arrived; the server end overrides this to start serving on the first message. */
    void onMessage(byte kind, byte[] body) {
        switch (kind) {
            case MESSAGE -> incoming.add(new Message(Map.of(Message.CONTENT_TYPE, contentType), body));
            case ERROR -> incoming.add(ErrorBodies.read(500, body));
            case END -> {
                receivedEnd = true;
                incoming.add(ENDED);
                closeIfDone();
            }
            default -> incoming.add(new MicroException("micro.transport.http", 502, "unknown stream frame " + kind));
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        incoming.add(new MicroException("micro.transport.http", 502, "stream broke: " + cause.getMessage()));
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        if (!receivedEnd) {
            incoming.add(status.getCode() == CloseStatus.NORMAL ? ENDED
                    : new MicroException("micro.transport.http", 502, "stream closed: " + status.getCode() + " " + status.getReason()));
        }
        callback.succeeded();
    }

    @Override
    public void send(Message message) {
        if (sentEnd) {
            throw new MicroException("micro.transport.http", 400, "this side of the stream is closed");
        }
        write(MESSAGE, message.body());
    }

    @Override
    public Message receive(Duration timeout) {
        Object next;
        try {
            next = incoming.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MicroException("micro.transport.http", 503, "interrupted while waiting on the stream");
        }
        if (next == null) {
            throw new MicroException("micro.transport", 408, "no message on the stream within " + timeout.toMillis() + " ms");
        }
        if (next == ENDED) {
            incoming.add(ENDED); // every later receive sees the end too
            return null;
        }
        if (next instanceof MicroException error) {
            incoming.add(error);
            throw error;
        }
        return (Message) next;
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
        if (session != null) {
            session.close(CloseStatus.NORMAL, "failed", Callback.NOOP);
        }
    }

    /** Closes the socket once both sides ended; never before this side's last frame is written. */
    private void closeIfDone() {
        if (endWritten && receivedEnd && session != null && session.isOutputOpen()) {
            session.close(CloseStatus.NORMAL, "done", Callback.NOOP);
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
            throw new MicroException("micro.transport.http", 503, "interrupted while sending on the stream");
        } catch (ExecutionException | TimeoutException e) {
            throw new MicroException("micro.transport.http", 502, "cannot send on the stream: " + e.getMessage());
        }
    }
}
