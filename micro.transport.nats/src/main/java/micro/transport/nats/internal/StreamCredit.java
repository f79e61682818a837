package micro.transport.nats.internal;

/**
 * Flow control of one direction of a NATS stream, since NATS itself has none: the sender may have
 * at most {@value #MESSAGES} messages and {@value #BYTES} bytes unread at the receiver (one message
 * of any size when nothing is unread), and the receiver gives credit back as it reads. So a fast
 * sender waits for a slow reader instead of filling its heap, and the receiver's queue is bounded.
 */
final class StreamCredit {

    static final int MESSAGES = 64;
    static final long BYTES = 1024 * 1024;
    /** The receiver gives credit back once this much is read, or at once when it has read everything. */
    static final int RETURN_MESSAGES = 16;
    static final long RETURN_BYTES = 256 * 1024;

    private int unreadMessages; // sender side: sent, not yet credited back
    private long unreadBytes;
    private boolean cancelled;

    /** Waits until a message of {@code size} bytes may be sent, up to {@code nanos}; false when it may not in time. */
    synchronized boolean acquire(int size, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (!cancelled && !fits(size)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        unreadMessages++;
        unreadBytes += size;
        return true;
    }

    /** The receiver read {@code messages} messages of {@code bytes} bytes. */
    synchronized void credit(int messages, long bytes) {
        unreadMessages = Math.max(0, unreadMessages - messages);
        unreadBytes = Math.max(0, unreadBytes - bytes);
        notifyAll();
    }

    /** The stream ended: whoever waits goes on (and finds it ended). */
    synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    private boolean fits(int size) {
        return unreadMessages == 0 || unreadMessages < MESSAGES && unreadBytes + size <= BYTES;
    }
}
