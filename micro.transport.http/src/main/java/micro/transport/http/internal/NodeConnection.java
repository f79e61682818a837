package micro.transport.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import micro.api.transport.NodeTimeoutException;
import micro.api.transport.TransportException;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * One keep-alive connection to a node, carrying one call at a time: it writes the call's request
 * bytes and parses the reply with Jetty's {@link HttpParser} on the I/O thread, without the request,
 * exchange and listener objects of a general-purpose client. It is always waiting to read, also while
 * idle in its pool, so that a node closing it is noticed there and not by the next call. A reply
 * whose Content-Length is over the limit, or that grows past it, fails its call and closes the
 * connection; so does anything that is not exactly one reply to the request sent.
 */
final class NodeConnection extends AbstractConnection.NonBlocking implements HttpParser.ResponseHandler {

    private static final byte[] EMPTY = new byte[0];
    private static final int READ_BUFFER_BYTES = 16 * 1024;

    private final NodePool pool;
    private final ByteBufferPool buffers;
    private final int maxBodyBytes;
    private final HttpParser parser = new HttpParser(this);
    private volatile PendingCall exchange;
    // A call's write may still be finishing (its callback not yet run) when its reply has arrived: the
    // connection is free for the next call once both are done, whichever comes second.
    private final AtomicInteger unfinished = new AtomicInteger();

    // The reply being parsed; only the I/O thread touches these, between a call's send and its reply.
    private int status;
    private String contentType;
    private boolean closeAfterReply;
    private byte[] body = EMPTY;
    private int size;
    private String refusal;

    NodeConnection(EndPoint endPoint, NodePool pool, ByteBufferPool buffers, int maxBodyBytes) {
        super(endPoint, Runnable::run);
        this.pool = pool;
        this.buffers = buffers;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void onOpen() {
        super.onOpen();
        fillInterested();
        pool.opened(this);
    }

    /** Sends {@code call} on this idle connection; its reply, or the connection's end, completes it. */
    void send(PendingCall call) {
        if (call.isDone()) {
            pool.release(this); // timed out on its way here: nothing was sent, the next call may go
            return;
        }
        exchange = call;
        call.carriedBy(this);
        unfinished.set(2);
        try {
            getEndPoint().write(Callback.from(InvocationType.NON_BLOCKING, this::partDone,
                    failure -> lost(call, "cannot send the call: " + failure.getMessage(), failure)), call.requestBuffers());
        } catch (RuntimeException e) {
            lost(call, "cannot send the call: " + e, e);
        }
    }

    private void partDone() {
        if (unfinished.decrementAndGet() == 0) {
            pool.release(this);
        }
    }

    /** The call has its outcome elsewhere (its deadline): a reply may still be on its way, so no other call can follow it here. */
    void abandon(PendingCall call) {
        if (exchange == call) {
            close();
        }
    }

    @Override
    public void onFillable() {
        RetainableByteBuffer buffer = buffers.acquire(READ_BUFFER_BYTES, false);
        try {
            ByteBuffer bytes = buffer.getByteBuffer();
            while (true) {
                int read = getEndPoint().fill(bytes);
                if (read == 0) {
                    fillInterested();
                    return;
                }
                if (read < 0) {
                    // A reply may end where the connection does; whatever is still pending then is lost.
                    parser.atEOF();
                    closeAfterReply = true;
                    if (exchange != null && parse(bytes)) {
                        lostIfPending("the node closed the connection before replying");
                    }
                    close();
                    return;
                }
                if (!parse(bytes)) {
                    return; // closed
                }
            }
        } catch (IOException e) {
            lostIfPending("reading the reply failed: " + e.getMessage());
            getEndPoint().close(e);
        } finally {
            buffer.release();
        }
    }

    /** Parses what was read; false when the connection was closed on the way. */
    private boolean parse(ByteBuffer bytes) {
        PendingCall call = exchange;
        if (call == null) {
            close(); // bytes while nothing was asked: not a reply to anything
            return false;
        }
        do {
            int before = bytes.position();
            boolean stopped = parser.parseNext(bytes);
            if (refusal == null && !stopped && bytes.hasRemaining() && bytes.position() == before) {
                refusal = "the node's reply could not be parsed";
            }
            if (refusal != null) {
                lost(call, refusal, null);
                close();
                return false;
            }
            if (!stopped || !parser.isComplete()) {
                continue;
            }
            boolean reusable = !closeAfterReply && !bytes.hasRemaining();
            int replyStatus = status;
            String replyType = contentType;
            byte[] reply = size == body.length ? body : Arrays.copyOf(body, size);
            resetReply();
            exchange = null;
            if (reusable) {
                partDone();
            } else {
                close();
            }
            call.answered(replyStatus, replyType, reply);
            return reusable;
        } while (bytes.hasRemaining());
        return true;
    }

    private void resetReply() {
        parser.reset();
        status = 0;
        contentType = null;
        closeAfterReply = false;
        body = EMPTY;
        size = 0;
        refusal = null;
    }

    @Override
    public void startResponse(HttpVersion version, int status, String reason) {
        this.status = status;
    }

    @Override
    public void parsedHeader(HttpField field) {
        HttpHeader header = field.getHeader();
        if (header == HttpHeader.CONTENT_TYPE) {
            contentType = field.getValue();
        } else if (header == HttpHeader.CONNECTION && field.contains(HttpHeaderValue.CLOSE.asString())) {
            closeAfterReply = true;
        } else if (header == HttpHeader.CONTENT_LENGTH) {
            long length = field.getLongValue();
            if (length > maxBodyBytes) {
                refusal = "reply body exceeds " + maxBodyBytes + " bytes";
            } else if (length > 0) {
                body = new byte[(int) length];
            }
        }
    }

    @Override
    public boolean headerComplete() {
        return refusal != null;
    }

    @Override
    public boolean content(ByteBuffer content) {
        int length = content.remaining();
        if (size + length > maxBodyBytes) {
            refusal = "reply body exceeds " + maxBodyBytes + " bytes";
            return true;
        }
        if (size + length > body.length) {
            body = Arrays.copyOf(body, Math.max(size + length, Math.min(maxBodyBytes, Math.max(1024, body.length * 2))));
        }
        content.get(body, size, length);
        size += length;
        return false;
    }

    @Override
    public boolean contentComplete() {
        return false;
    }

    @Override
    public boolean messageComplete() {
        return true;
    }

    @Override
    public void earlyEOF() {
        refusal = "the node closed the connection in the middle of its reply";
    }

    @Override
    public void badMessage(HttpException failure) {
        refusal = "the node's reply is not HTTP/1.1: " + failure.getReason();
    }

    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        PendingCall call = exchange;
        if (call != null) {
            call.fail(new NodeTimeoutException(call.address(), "no reply from " + call.address() + " within the idle timeout ("
                    + getEndPoint().getIdleTimeout() + " ms)"));
        }
        return true;
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        lostIfPending(cause == null ? "the connection closed before the reply" : "the connection closed: " + cause.getMessage());
        pool.closed(this);
    }

    private void lostIfPending(String reason) {
        PendingCall call = exchange;
        if (call != null) {
            lost(call, reason, null);
        }
    }

    private void lost(PendingCall call, String reason, Throwable cause) {
        call.fail(new TransportException(call.address(), reason, cause));
        if (exchange == call) {
            exchange = null;
            close();
        }
    }
}
