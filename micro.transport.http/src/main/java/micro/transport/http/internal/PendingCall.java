package micro.transport.http.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import micro.api.MicroException;
import micro.api.transport.Message;
import micro.api.transport.NodeTimeoutException;

import org.eclipse.jetty.util.thread.Scheduler;

/**
 * One unary call from the moment it is asked for to its outcome: its request bytes, its deadline
 * (which covers waiting for a connection, connecting, sending and the reply), and the future it
 * completes exactly once, whichever of reply, failure and deadline comes first. A reply completes an
 * awaited call where it was read (the waiting thread wakes at once); everything else completes on a
 * pool thread, as a continuation may block.
 */
final class PendingCall {

    private static final String JSON = "application/json";

    private final String address;
    private final byte[] head;
    private final byte[] body;
    private final Duration timeout;
    private final boolean awaited;
    private final Executor pool;
    private final CompletableFuture<Message> result = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile Scheduler.Task deadline;
    private volatile NodeConnection carrier;

    PendingCall(String address, byte[] head, byte[] body, Duration timeout, boolean awaited, Executor pool) {
        this.address = address;
        this.head = head;
        this.body = body;
        this.timeout = timeout;
        this.awaited = awaited;
        this.pool = pool;
    }

    /** Starts the deadline; {@code onExpiry} runs when it passes first (to let go of the queue slot). */
    void startDeadline(Scheduler scheduler, Runnable onExpiry) {
        deadline = scheduler.schedule(() -> {
            if (fail(new NodeTimeoutException(address, "call to " + address + " timed out after " + timeout.toMillis() + " ms"))) {
                onExpiry.run();
                NodeConnection connection = carrier;
                if (connection != null) {
                    connection.abandon(this); // its reply may still come: that connection cannot carry another call
                }
            }
        }, Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        if (done.get()) {
            deadline.cancel(); // completed while the deadline was being set
        }
    }

    String address() {
        return address;
    }

    CompletableFuture<Message> result() {
        return result;
    }

    boolean isDone() {
        return done.get();
    }

    /** The request as written: head, then body. */
    ByteBuffer[] requestBuffers() {
        return new ByteBuffer[] { ByteBuffer.wrap(head), ByteBuffer.wrap(body) };
    }

    void carriedBy(NodeConnection connection) {
        carrier = connection;
    }

    /** The node's answer: 200 is the reply, any other status the error its body describes. */
    void answered(int status, String contentType, byte[] reply) {
        if (!finish()) {
            return;
        }
        if (status != 200) {
            MicroException error = ErrorBodies.read(status, reply);
            onPool(() -> result.completeExceptionally(error));
            return;
        }
        Message message = new Message(Map.of(Message.CONTENT_TYPE, contentType != null ? contentType : JSON), reply);
        if (awaited) {
            result.complete(message);
        } else {
            onPool(() -> result.complete(message));
        }
    }

    /** Fails the call, unless it already has its outcome; true when this was its outcome. */
    boolean fail(MicroException error) {
        if (!finish()) {
            return false;
        }
        onPool(() -> result.completeExceptionally(error));
        return true;
    }

    private boolean finish() {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        Scheduler.Task task = deadline;
        if (task != null) {
            task.cancel();
        }
        return true;
    }

    /** Runs a completion on a pool thread; on this one once the pool has stopped (the client is closing). */
    private void onPool(Runnable completion) {
        try {
            pool.execute(completion);
        } catch (RejectedExecutionException stopped) {
            completion.run();
        }
    }
}
