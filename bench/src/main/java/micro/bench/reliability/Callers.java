package micro.bench.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Keep-alive callers posting to one URL as fast as they are answered, measured window by window: the
 * latency of every call goes to an HdrHistogram recorder, every answer but a 200 is a failure.
 */
final class Callers implements AutoCloseable {

    private final Recorder latencies = new Recorder(3);
    private final AtomicInteger failed = new AtomicInteger();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    Callers(int count, String url) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"John\"}")).build();
        for (int i = 0; i < count; i++) {
            Thread caller = new Thread(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            fail(response.statusCode() + " " + response.body());
                        }
                    } catch (Exception e) {
                        fail(e.toString());
                    }
                    latencies.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                }
            }, "reliability-caller-" + i);
            caller.setDaemon(true);
            caller.start();
            threads.add(caller);
        }
    }

    private void fail(String why) {
        failed.incrementAndGet();
        if (failures.size() < 3) {
            failures.add(why.length() > 200 ? why.substring(0, 200) : why);
        }
    }

    /** Runs {@code event} at the start of a window of at least {@code length}, and measures the window. */
    Window.Result window(String event, Duration length, Window.Event action) throws Exception {
        latencies.getIntervalHistogram(); // what came before belongs to no window
        failed.set(0);
        failures.clear();
        long start = System.nanoTime();
        action.run();
        long rest = length.toNanos() - (System.nanoTime() - start);
        if (rest > 0) {
            Pause.of(Duration.ofNanos(rest));
        }
        Histogram window = latencies.getIntervalHistogram();
        Window.Result result = new Window.Result(event, Math.round((System.nanoTime() - start) / 1e9), window.getTotalCount(),
                failed.get(), window.getValueAtPercentile(99) / 1000.0, window.getMaxValue() / 1000.0, List.copyOf(failures));
        System.out.printf("reliability %-70s calls %8d failed %5d p99 %7.1f ms%n", event, result.calls(), result.failed(),
                result.p99Millis());
        return result;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(15_000);
        }
    }
}
