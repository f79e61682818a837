package micro.transport.nats.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;

import micro.api.MicroException;
import micro.api.transport.Message;
import micro.api.transport.Stream;

/**
 * One end of a stream over NATS, the same on both ends: each end reads its own inbox subject and
 * publishes to the other's. A frame's header {@value #FRAME} says what it holds: {@code M} a
 * message, {@code E} an error (as a failed call is answered), {@code C} the end of the sender's
 * side, {@code K} credit given back ({@link StreamCredit}: a sender never has more than a bounded
 * window unread, so the reader's queue is bounded and a fast sender waits). Frames carry a
 * sequence number: NATS drops what is published while it reconnects, and a gap ends the stream
 * with a 502 rather than leave a message silently missing.
 */
final class NatsStream implements Stream {

    /** On the opening request, and on its answer: the inbox subject of the end that sends it. */
    static final String INBOX = "Micro-Stream-Inbox";
    static final String FRAME = "Micro-Stream-Frame";
    static final String SEQUENCE = "Micro-Stream-Seq";
    static final String CREDIT = "Micro-Stream-Credit";
    private static final String ID = "micro.transport.nats";
    private static final Object ENDED = new Object();

    private final Connection connection;
    private final Dispatcher frames;
    private final Subscription subscription;
    private final String inbox;
    private final Duration sendWait;
    private final Consumer<NatsStream> onEnd;
    private final StreamCredit credit = new StreamCredit();
    private volatile String peer;

    // the reading side, guarded by this
    private final ArrayDeque<Message> unread = new ArrayDeque<>();
    private long unreadBytes;
    private Object last; // ENDED or the error that ended the other side, after the unread messages
    private long expected;
    private int readSinceCredit;
    private long readBytesSinceCredit;

    // the sending side, guarded by this
    private long sent;
    private boolean sentEnd;
    private boolean released;

    /**
     * @param frames the dispatcher the inbox is read on (shared by every stream of the connection)
     * @param sendWait how long a send waits for the reader to make room
     * @param onEnd told once both sides ended
     */
    NatsStream(Connection connection, Dispatcher frames, Duration sendWait, Consumer<NatsStream> onEnd) {
        this.connection = connection;
        this.frames = frames;
        this.sendWait = sendWait;
        this.onEnd = onEnd;
        this.inbox = connection.createInbox();
        this.subscription = frames.subscribe(inbox, this::onFrame);
    }

    String inbox() {
        return inbox;
    }

    /** Where this end publishes: the other end's inbox. */
    void peer(String subject) {
        peer = subject;
    }

    // --- frames from the other end, on the dispatcher's thread: nothing here blocks ---

    private void onFrame(io.nats.client.Message frame) {
        Headers headers = frame.getHeaders();
        String kind = headers == null ? null : headers.getFirst(FRAME);
        if ("K".equals(kind)) {
            String[] given = String.valueOf(headers.getFirst(CREDIT)).split(",");
            credit.credit(Integer.parseInt(given[0].trim()), Long.parseLong(given[1].trim()));
            return;
        }
        synchronized (this) {
            if (last != null) {
                return;
            }
            long number = sequence(headers);
            if (number != expected) {
                finish(new MicroException(ID, 502, "stream broke: message " + expected + " never arrived (NATS reconnected?)"));
                return;
            }
            expected++;
            if ("M".equals(kind)) {
                if (unread.size() >= StreamCredit.MESSAGES || unreadBytes > StreamCredit.BYTES) {
                    finish(new MicroException(ID, 502, "stream broke: the other end sent past its credit"));
                    return;
                }
                Message message = withoutStreamHeaders(NatsWire.message(frame));
                unread.add(message);
                unreadBytes += message.body().length;
                notifyAll();
            } else if ("E".equals(kind)) {
                MicroException error = NatsWire.error(frame);
                finish(error != null ? error : new MicroException(ID, 502, "the other end broke the stream"));
            } else {
                finish(ENDED);
            }
        }
        releaseIfDone();
    }

    private static long sequence(Headers headers) {
        try {
            return Long.parseLong(headers.getFirst(SEQUENCE));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static Message withoutStreamHeaders(Message message) {
        Map<String, String> headers = new HashMap<>(message.headers());
        headers.remove(FRAME);
        headers.remove(SEQUENCE);
        return new Message(headers, message.body());
    }

    /** Ends what can be read; the first end wins. Guarded by this. */
    private void finish(Object item) {
        if (last == null) {
            last = item;
            notifyAll();
        }
    }

    // --- Stream ---

    @Override
    public void send(Message message) {
        synchronized (this) {
            if (sentEnd) {
                throw new MicroException(ID, 400, "this side of the stream is closed");
            }
        }
        try {
            if (!credit.acquire(message.body().length, sendWait.toNanos())) {
                throw new MicroException("micro.transport", 408, "the other end of the stream read nothing for "
                        + sendWait.toMillis() + " ms: its unread messages fill the window");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MicroException(ID, 503, "interrupted while sending on the stream");
        }
        Headers headers = NatsWire.headers(message);
        synchronized (this) {
            if (sentEnd || released) {
                throw new MicroException(ID, 502, "the stream ended while the message waited to be sent");
            }
            publish("M", headers, message.body());
        }
    }

    @Override
    public Message receive(Duration timeout) {
        Message message;
        int creditMessages = 0;
        long creditBytes = 0;
        synchronized (this) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (unread.isEmpty() && last == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new MicroException("micro.transport", 408, "no message on the stream within " + timeout.toMillis() + " ms");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MicroException(ID, 503, "interrupted while waiting on the stream");
                }
            }
            message = unread.poll();
            if (message != null) {
                unreadBytes -= message.body().length;
                readSinceCredit++;
                readBytesSinceCredit += message.body().length;
                // Given back in batches; all of it once nothing is left unread, or a sender waiting
                // for room a batch would not make could wait for ever.
                if (readSinceCredit >= StreamCredit.RETURN_MESSAGES || readBytesSinceCredit >= StreamCredit.RETURN_BYTES
                        || unread.isEmpty()) {
                    creditMessages = readSinceCredit;
                    creditBytes = readBytesSinceCredit;
                    readSinceCredit = 0;
                    readBytesSinceCredit = 0;
                }
            }
        }
        if (creditMessages > 0) {
            giveCredit(creditMessages, creditBytes);
        }
        if (message != null) {
            return message;
        }
        if (last == ENDED) {
            return null;
        }
        throw (MicroException) last;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!sentEnd && !released) {
                try {
                    publish("C", new Headers(), new byte[0]);
                } catch (MicroException e) {
                    // the connection is gone: the other end finds out by its timeout
                }
            }
            sentEnd = true;
        }
        releaseIfDone();
    }

    @Override
    public void fail(MicroException error) {
        synchronized (this) {
            if (!sentEnd && !released) {
                try {
                    publish("E", NatsWire.errorHeaders(error), NatsWire.errorBody(error));
                } catch (MicroException e) {
                    // as in close
                }
            }
            sentEnd = true;
            finish(error);
        }
        releaseIfDone();
    }

    /**
     * The served end after its handler returned and closed it: nobody reads here any more, so the
     * inbox goes now even if the other end has not ended its side (what it still sends is dropped).
     */
    void served() {
        close();
        synchronized (this) {
            finish(ENDED);
        }
        releaseIfDone();
    }

    // --- guarded by this or lock-free ---

    private void publish(String kind, Headers headers, byte[] body) {
        String to = peer;
        headers.put(FRAME, kind);
        headers.put(SEQUENCE, Long.toString(sent));
        try {
            connection.publish(to, headers, body);
        } catch (IllegalArgumentException e) {
            throw new MicroException(ID, 413, "stream message of " + body.length + " bytes is larger than this NATS server carries");
        } catch (IllegalStateException e) {
            throw new MicroException(ID, 502, "cannot send on the stream: " + e.getMessage());
        }
        sent++;
    }

    private void giveCredit(int messages, long bytes) {
        Headers headers = new Headers();
        headers.put(FRAME, "K");
        headers.put(CREDIT, messages + "," + bytes);
        try {
            connection.publish(peer, headers, new byte[0]);
        } catch (RuntimeException e) {
            // the connection is gone: the stream breaks on its own
        }
    }

    /** Once this side ended and the other's end was received, the inbox goes and the owner is told. */
    private void releaseIfDone() {
        synchronized (this) {
            if (released || !sentEnd || last == null) {
                return;
            }
            released = true;
        }
        credit.cancel();
        try {
            frames.unsubscribe(subscription);
        } catch (RuntimeException e) {
            // the dispatcher closed with its connection
        }
        onEnd.accept(this);
    }
}
