package micro.edge.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The health of one app, as its health URL answers: healthy on a 200, unhealthy on any other status
 * or no answer within the timeout. An app without a URL is healthy. Checked by {@link Registrations}.
 */
public final class AppHealth {

    /** The outcome of the last check: what {@code GET /health} reports. */
    public record Status(boolean healthy, int code, String detail) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private final URI url;
    private volatile Status last;

    public AppHealth(URI url) {
        this.url = url;
        this.last = url == null ? new Status(true, 200, "no health check") : new Status(false, 0, "not checked yet");
    }

    public URI url() {
        return url;
    }

    public Status last() {
        return last;
    }

    /** Asks the URL (blocking, at most the timeout); the new status. */
    public Status check() {
        if (url == null) {
            return last;
        }
        Status now;
        try {
            HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            now = new Status(answer.statusCode() == 200, answer.statusCode(), url + " answered " + answer.statusCode());
        } catch (java.io.IOException e) {
            now = new Status(false, 0, url + " did not answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return last;
        }
        last = now;
        return now;
    }
}
