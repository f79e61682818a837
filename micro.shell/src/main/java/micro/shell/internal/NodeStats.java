package micro.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A node's {@code Debug.Stats} reply, as go-micro's: start (Unix seconds), uptime (seconds), heap in
 * use (bytes), threads, GC time (nanoseconds); and how {@code stats} shows each of them.
 */
record NodeStats(long started, long uptime, long memory, int threads, long gc) {

    /** started, uptime, memory, threads, gc: as people read them. */
    List<String> cells() {
        return List.of(Instant.ofEpochSecond(started).toString(), uptime(Duration.ofSeconds(uptime)),
                String.format(Locale.ROOT, "%.1f MiB", memory / (1024.0 * 1024.0)), String.valueOf(threads),
                String.format(Locale.ROOT, "%d ms", gc / 1_000_000));
    }

    private static String uptime(Duration uptime) {
        if (uptime.toHours() > 0) {
            return uptime.toHours() + "h" + uptime.toMinutesPart() + "m" + uptime.toSecondsPart() + "s";
        }
        return uptime.toMinutes() > 0 ? uptime.toMinutes() + "m" + uptime.toSecondsPart() + "s" : uptime.toSeconds() + "s";
    }
}
