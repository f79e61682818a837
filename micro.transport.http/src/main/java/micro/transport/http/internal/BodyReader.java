package micro.transport.http.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import micro.api.MicroException;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a call's body as it arrives, without a thread waiting for it, up to {@code maxBytes} (413
 * beyond); the whole body must be in within {@code timeoutMillis}, however steadily it trickles, or
 * the call fails with 408 and reading stops.
 */
final class BodyReader {

    private static final byte[] EMPTY = new byte[0];

    private final int maxBytes;
    private final long timeoutMillis;

    BodyReader(int maxBytes, long timeoutMillis) {
        this.maxBytes = maxBytes;
        this.timeoutMillis = timeoutMillis;
    }

    /** The body; already complete when it came with the headers, as most calls' bodies do. */
    CompletableFuture<byte[]> read(Request request) {
        long declared = request.getLength();
        if (declared > maxBytes) {
            return CompletableFuture.failedFuture(tooLarge());
        }
        if (declared == 0) {
            return CompletableFuture.completedFuture(EMPTY);
        }
        CompletableFuture<byte[]> body = new CompletableFuture<>();
        Content.Source.asByteArrayAsync(request, maxBytes).whenComplete((bytes, error) -> {
            if (error == null) {
                body.complete(bytes);
            } else {
                body.completeExceptionally(failure(error));
            }
        });
        if (!body.isDone()) {
            Scheduler.Task deadline = request.getComponents().getScheduler().schedule(() -> {
                MicroException late = new MicroException("micro.transport.http", 408,
                        "the request body did not arrive within " + timeoutMillis + " ms");
                if (body.completeExceptionally(late)) {
                    request.fail(new TimeoutException(late.detail()));
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            body.whenComplete((bytes, error) -> deadline.cancel());
        }
        return body;
    }

    private MicroException failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof IllegalStateException) {
            return tooLarge(); // Jetty's collector fails with "Max size (N) exceeded" and nothing else this way
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException) {
                return new MicroException("micro.transport.http", 408, "the request body did not arrive in time");
            }
        }
        return MicroException.badRequest("micro.transport.http", "cannot read the request body: " + cause.getMessage());
    }

    private MicroException tooLarge() {
        return new MicroException("micro.transport.http", 413, "request body exceeds " + maxBytes + " bytes");
    }
}
