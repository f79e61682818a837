package micro.transport.http.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Joins the frames of one binary WebSocket message: a {@code BINARY} frame and the
 * {@code CONTINUATION} frames after it up to the one marked final. Peers and Jetty's own parser
 * split large messages this way, so a message is only whole when its last fragment has arrived.
 * A message larger than the limit is refused before it is held in memory. One per stream; not
 * thread safe (Jetty delivers one frame at a time).
 */
final class MessageAssembler {

    /** The peer broke the framing rules or the size limit; carries the WebSocket close code to answer. */
    static final class Refused extends Exception {
        private final int closeCode;

        Refused(int closeCode, String reason) {
            super(reason, null, false, false);
            this.closeCode = closeCode;
        }

        int closeCode() {
            return closeCode;
        }
    }

    private final int maxBytes;
    private byte[] buffer = new byte[0];
    private int length;
    private boolean inMessage;

    MessageAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Takes a data frame; returns the whole message once its final frame is in, else null. The
     * frame's payload is copied: Jetty reuses it after the frame's callback completes.
     */
    byte[] add(Frame frame) throws Refused {
        byte opcode = frame.getOpCode();
        if (opcode == OpCode.TEXT) {
            throw new Refused(CloseStatus.BAD_DATA, "streams carry binary frames only");
        }
        if (opcode == OpCode.BINARY && inMessage || opcode == OpCode.CONTINUATION && !inMessage) {
            throw new Refused(CloseStatus.PROTOCOL, "fragments out of order");
        }
        inMessage = true;
        ByteBuffer payload = frame.getPayload();
        int size = payload == null ? 0 : payload.remaining();
        if ((long) length + size > maxBytes) {
            throw new Refused(CloseStatus.MESSAGE_TOO_LARGE,
                    "stream message exceeds " + maxBytes + " bytes");
        }
        if (size > 0) {
            ensureRoom(size, frame.isFin());
            payload.duplicate().get(buffer, length, size);
            length += size;
        }
        if (!frame.isFin()) {
            return null;
        }
        byte[] message = buffer.length == length ? buffer : Arrays.copyOf(buffer, length);
        buffer = new byte[0];
        length = 0;
        inMessage = false;
        return message;
    }

    /** A single-frame message is copied once at its size; fragments grow the buffer by doubling. */
    private void ensureRoom(int size, boolean last) {
        int needed = length + size;
        if (needed <= buffer.length) {
            return;
        }
        int grown = last ? needed : Math.min(maxBytes, Math.max(needed, buffer.length * 2));
        buffer = Arrays.copyOf(buffer, grown);
    }
}
