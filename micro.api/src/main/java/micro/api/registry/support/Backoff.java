package micro.api.registry.support;

import java.time.Duration;

/**
 * The pauses of a watch that keeps failing (its registry down, a stream cut): 100 ms, doubled at
 * each failure up to 5 s, back to 100 ms after a success; and whether a failure is the first of its
 * run, so that a watcher logs an outage once, not every 5 s. One watcher thread owns it.
 */
public final class Backoff {

    private static final Duration FIRST = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(5);

    private Duration next = FIRST;
    private boolean failing;

    /** The watch works again. */
    public void succeeded() {
        next = FIRST;
        failing = false;
    }

    /** The watch failed; true when this is the first failure since it last worked. */
    public boolean failed() {
        boolean first = !failing;
        failing = true;
        return first;
    }

    /** Waits the current pause, then doubles it; false when the thread was interrupted meanwhile (closing). */
    public boolean pause() {
        try {
            Thread.sleep(next.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
        return true;
    }
}
