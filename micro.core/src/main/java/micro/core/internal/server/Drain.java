package micro.core.internal.server;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The wait between deregistering a service and letting its handler go: callers' caches still name
 * the node for a moment (a watch event away), and their calls must be served, not answered "not
 * served here". Ends once the services had no call for a quiet spell, or at the drain period.
 * Blocks the calling thread (a bundle stop or the server's own stop).
 */
final class Drain {

    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Drain() {
    }

    static void await(Collection<ServedService> services, Duration period) {
        long deadline = System.nanoTime() + period.toNanos();
        long quiet = Math.min(QUIET_NANOS, period.toNanos());
        long since = System.nanoTime();
        while (System.nanoTime() - deadline < 0) {
            boolean idle = System.nanoTime() - since >= quiet;
            for (ServedService service : services) {
                idle &= service.idleFor(quiet);
            }
            if (idle) {
                return;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
