package micro.core.internal.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait: for a condition, with a deadline, instead of sleeping a fixed time. The
 * failure says what was awaited, for how long, and whatever the caller knows about why not.
 */
public final class Await {

    /** A condition that may fail while it does not hold yet, e.g. a connection to a server still starting. */
    @FunctionalInterface
    public interface Probe {
        boolean holds() throws Exception;
    }

    private static final long PAUSE_MILLIS = 10;

    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        probe(what, timeout, condition::getAsBoolean, () -> "");
    }

    /**
     * Waits until {@code probe} holds. An exception from it means "not yet", except an
     * {@link AssertionError}, which ends the wait at once (say, a server process that exited).
     * {@code context} is added to the failure: a log, the last answer seen.
     */
    public static void probe(String what, Duration timeout, Probe probe, Supplier<String> context) {
        probe(what, timeout, Duration.ofMillis(PAUSE_MILLIS), probe, context);
    }

    /** As {@link #probe(String, Duration, Probe, Supplier)}, {@code pause} apart: for a probe that costs (a process, an SSH login). */
    public static void probe(String what, Duration timeout, Duration pause, Probe probe, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (probe.holds()) {
                    return;
                }
            } catch (AssertionError e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                String detail = context.get();
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + (last == null ? "" : "; last: " + last) + (detail.isEmpty() ? "" : "\n" + detail), last);
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
