package micro.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntPredicate;

/** POSTs to a URL until it answers 200 (or another status asked for): how the harness knows a host serves, and when it began to. */
public final class FirstCall {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private FirstCall() {
    }

    /** Polls every 2 ms; the nanoTime of the first 200, or an error with the last answer once the deadline passes. */
    public static long await(String url, String json, Duration timeout, Process owner) throws InterruptedException {
        return await(url, json, timeout, owner, status -> status == 200, "200");
    }

    /**
     * Polls every 2 ms until an answer's status is {@code accepted}; the nanoTime of that answer, or an
     * error with the last answer once the deadline passes ({@code wanted} says what was waited for).
     */
    public static long await(String url, String json, Duration timeout, Process owner, IntPredicate accepted, String wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        while (System.nanoTime() - deadline < 0) {
            if (owner != null && !owner.isAlive()) {
                throw new IllegalStateException("the process serving " + url + " ended with exit " + owner.exitValue());
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (accepted.test(response.statusCode())) {
                    return System.nanoTime();
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("POST " + url + " never answered " + wanted + " within " + timeout.toSeconds() + " s; last: "
                + last);
    }
}
