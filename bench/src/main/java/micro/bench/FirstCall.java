package micro.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs to a URL until it answers 200: how the harness knows a host serves, and when it began to. */
public final class FirstCall {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private FirstCall() {
    }

    /** Polls every 2 ms; the nanoTime of the first 200, or an error with the last answer once the deadline passes. */
    public static long await(String url, String json, Duration timeout, Process owner) throws InterruptedException {
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
                if (response.statusCode() == 200) {
                    return System.nanoTime();
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("POST " + url + " never answered 200 within " + timeout.toSeconds() + " s; last: " + last);
    }
}
