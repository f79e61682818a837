package micro.core.internal.testing;

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

/**
 * Keep-alive callers that POST one request to a gateway in a loop while a test stops, restarts or
 * swaps something, and keep every answer that was not a 200: the measure of "no failed call". Run
 * them with {@code -Djdk.httpclient.keepalive.timeout} below the server's idle timeout, as a
 * well-configured client is, or a POST may now and then race the server closing an idle connection.
 */
public final class LoadCallers implements AutoCloseable {

    private final AtomicInteger calls = new AtomicInteger();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    /** {@code count} callers of {@code url} with {@code json}. */
    public LoadCallers(int count, String url, String json) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        for (int i = 0; i < count; i++) {
            Thread caller = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            failures.add(response.statusCode() + " " + response.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                    calls.incrementAndGet();
                }
            }, "load-caller-" + i);
            caller.start();
            threads.add(caller);
        }
    }

    public int calls() {
        return calls.get();
    }

    /** Waits until {@code more} calls were made from now on. */
    public void awaitMore(String what, int more) {
        int from = calls.get();
        Await.until(what, Duration.ofSeconds(30), () -> calls.get() >= from + more);
    }

    /** The failures so far, at most the first five, for an assertion message. */
    public List<String> firstFailures() {
        List<String> all = List.copyOf(failures);
        return all.subList(0, Math.min(5, all.size()));
    }

    public int failed() {
        return failures.size();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(20_000);
        }
    }
}
