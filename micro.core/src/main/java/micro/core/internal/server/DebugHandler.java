package micro.core.internal.server;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/** Endpoints every service answers: {@code Debug.Health} and {@code Debug.Stats}. */
public final class DebugHandler {

    /** Reply of {@code Debug.Health}. */
    public record Health(String status) {
    }

    /**
     * Reply of {@code Debug.Stats}, as go-micro's: start time (Unix seconds), uptime (seconds), heap
     * in use (bytes), live threads and total GC time (nanoseconds).
     */
    public record Stats(long started, long uptime, long memory, int threads, long gc) {
    }

    private static final Health OK = new Health("ok");

    private final long startedMillis;

    DebugHandler(long startedMillis) {
        this.startedMillis = startedMillis;
    }

    public Health health() {
        return OK;
    }

    public Stats stats() {
        Runtime runtime = Runtime.getRuntime();
        long gcMillis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, collector.getCollectionTime());
        }
        return new Stats(startedMillis / 1000, (System.currentTimeMillis() - startedMillis) / 1000,
                runtime.totalMemory() - runtime.freeMemory(), Thread.activeCount(), gcMillis * 1_000_000);
    }
}
