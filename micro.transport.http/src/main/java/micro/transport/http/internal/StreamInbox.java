package micro.transport.http.internal;

import java.time.Duration;
import java.util.ArrayDeque;

import micro.api.transport.Message;

/**
 * What one end of a stream has received and not yet read, bounded: once it holds {@code maxMessages}
 * messages or {@code maxBytes} bytes, {@link #add} says to stop demanding frames, so a peer that
 * sends faster than the reader reads is held back by TCP instead of filling the heap. The end of the
 * stream or an error is the last item and stays there: every later {@link #take} sees it again.
 */
final class StreamInbox {

    /** What {@link #take} found: the item, and whether the reader made room for the paused socket. */
    record Taken(Object item, boolean resume) {
    }

    private final int maxMessages;
    private final long maxBytes;
    private final ArrayDeque<Message> messages = new ArrayDeque<>();
    private long bytes;
    private Object last;        // the end marker or an error, seen after the messages
    private boolean paused;     // the socket waits for room before it reads another frame
    private boolean refused;    // nobody will read again: messages are dropped

    StreamInbox(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** Queues a message; false means the inbox is full and the socket must pause until a take. */
    synchronized boolean add(Message message) {
        if (refused || last != null) {
            return true;
        }
        messages.add(message);
        bytes += message.body().length;
        notifyAll();
        if (hasRoom()) {
            return true;
        }
        paused = true;
        return false;
    }

    /** Ends what can be read with {@code item} (the end marker or an error); the first such item wins. */
    synchronized void finish(Object item) {
        if (last == null) {
            last = item;
            notifyAll();
        }
    }

    synchronized boolean finished() {
        return last != null;
    }

    /**
     * Nobody reads any more: queued messages are let go and later ones dropped. True when the socket
     * was paused and must demand again, so that the close handshake can still be read.
     */
    synchronized boolean refuse() {
        refused = true;
        messages.clear();
        bytes = 0;
        boolean resume = paused;
        paused = false;
        return resume;
    }

    /** The next item, waiting up to {@code timeout}; null when none came in time. */
    synchronized Taken take(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.isEmpty() && last == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        Message message = messages.poll();
        if (message == null) {
            return new Taken(last, false);
        }
        bytes -= message.body().length;
        boolean resume = paused && hasRoom();
        if (resume) {
            paused = false;
        }
        return new Taken(message, resume);
    }

    private boolean hasRoom() {
        return messages.size() < maxMessages && bytes < maxBytes;
    }
}
