package micro.bench.unary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code callers} threads each calling back to back: a warm-up whose numbers are dropped, then the
 * measured period. Latencies go to an HdrHistogram; the first error ends the run with its cause.
 */
final class ClosedLoop {

    /** Told when the measured period opens and closes, to take readings (CPU time) over exactly that period. */
    interface Window {
        void opened();

        void closed();
    }

    record Outcome(double callsPerSecond, double p50Micros, double p99Micros, long calls, long errors) {
    }

    private ClosedLoop() {
    }

    static Outcome run(Caller caller, int callers, Duration warmup, Duration measure, Window window) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        caller.call();
                    } catch (Throwable e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e);
                        continue;
                    }
                    if (measuring.get()) {
                        recorder.recordValue((System.nanoTime() - start) / 1000);
                    }
                }
            }, "caller-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(warmup.toMillis());
        long errorsBefore = errors.get();
        recorder.reset();
        window.opened();
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(measure.toMillis());
        Histogram histogram = recorder.getIntervalHistogram();
        long elapsed = System.nanoTime() - start;
        window.closed();
        running.set(false);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        long measuredErrors = errors.get() - errorsBefore;
        if (histogram.getTotalCount() == 0 || measuredErrors > histogram.getTotalCount() / 100) {
            throw new IllegalStateException(measuredErrors + " of " + (histogram.getTotalCount() + measuredErrors)
                    + " calls failed", firstError.get());
        }
        return new Outcome(histogram.getTotalCount() * 1e9 / elapsed, histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getTotalCount(), measuredErrors);
    }
}
