package micro.api.bot;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * When an input's connection thread tries again: 1 s after a connection that worked, then doubling
 * up to 30 s while attempts fail (never giving up: the chat server may come back any time); every
 * wait ends at once when the input is closed.
 */
public final class Reconnection {

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofSeconds(30);

    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Duration pause = FIRST;

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** The input is closed: waits end, and the thread stops trying. */
    public void close() {
        closed.countDown();
    }

    /** The connection worked: the next pause is the first again. */
    public void connected() {
        pause = FIRST;
    }

    /** The pause the next {@link #await()} waits, for a log line. */
    public Duration pause() {
        return pause;
    }

    /** Waits the pause, then lengthens it; false when the input was closed meanwhile (or the thread interrupted). */
    public boolean await() {
        Duration waited = pause;
        pause = waited.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : waited.multipliedBy(2);
        return !waitFor(closed, waited);
    }

    /** Waits until {@code lost} is counted down or the input is closed. */
    public void awaitLoss(CountDownLatch lost) {
        while (lost.getCount() > 0 && !isClosed()) {
            if (!waitFor(lost, Duration.ofSeconds(1)) && Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    private static boolean waitFor(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
