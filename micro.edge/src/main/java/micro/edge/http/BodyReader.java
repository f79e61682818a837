package micro.edge.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import micro.api.MicroException;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body whole, up to a limit, without a thread waiting for it: bytes are taken as they
 * arrive, so a client that trickles its body holds memory for what it sent and no thread. The whole
 * body must arrive within the read timeout, however steadily it trickles; past it the request is
 * failed with 408. Larger bodies are 413. What uses the body runs on a server pool thread, never on
 * the I/O thread that delivered the last bytes, since it may block (a local call).
 */
public final class BodyReader {

    /** Uses a body; may throw a MicroException, which is written as the JSON answer instead. */
    public interface BodyUse {
        boolean use(byte[] body);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);
    private static final byte[] EMPTY = new byte[0];

    private final EdgeErrors errors;
    private final int maxBytes;
    private final long timeoutMillis;

    public BodyReader(EdgeErrors errors, int maxBytes, long timeoutMillis) {
        this.errors = errors;
        this.maxBytes = maxBytes;
        this.timeoutMillis = timeoutMillis;
    }

    /** Reads the body, then answers the exchange with {@code use}, or with the reading's failure. */
    public boolean read(Request request, Response response, Callback callback, BodyUse use) {
        CompletableFuture<byte[]> body = read(request);
        if (body.isDone()) {
            // The usual case: the body came with the headers, and this is already a pool thread.
            answer(body, request, response, callback, use);
        } else {
            body.whenCompleteAsync((bytes, error) -> answer(body, request, response, callback, use),
                    request.getComponents().getExecutor());
        }
        return true;
    }

    public CompletableFuture<byte[]> read(Request request) {
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
                body.completeExceptionally(readFailure(error));
            }
        });
        if (!body.isDone()) {
            Scheduler.Task deadline = request.getComponents().getScheduler().schedule(() -> {
                MicroException late = new SlowClientException(errors.id(), "the request body did not arrive within " + timeoutMillis + " ms");
                if (body.completeExceptionally(late)) {
                    request.fail(new TimeoutException(late.detail())); // stop reading what still trickles in
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            body.whenComplete((bytes, error) -> deadline.cancel());
        }
        return body;
    }

    private void answer(CompletableFuture<byte[]> body, Request request, Response response, Callback callback,
            BodyUse use) {
        try {
            use.use(body.join());
        } catch (CompletionException e) {
            errors.write(response, callback, e.getCause() instanceof MicroException micro ? micro
                    : errors.error(500, errors.id() + " failure: " + e.getCause().getMessage()));
        } catch (MicroException e) {
            errors.write(response, callback, e);
        } catch (RuntimeException e) {
            LOG.warn("{} handler failed on {} {}", errors.id(), request.getMethod(), request.getHttpURI().getPath(), e);
            errors.write(response, callback, 500, errors.id() + " failure: " + e.getMessage());
        }
    }

    private MicroException readFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof IllegalStateException) {
            return tooLarge(); // Jetty's collector fails with "Max size (N) exceeded" and nothing else this way
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException || c instanceof java.net.SocketTimeoutException) {
                return new SlowClientException(errors.id(), "the request body did not arrive in time");
            }
        }
        return errors.badRequest("cannot read the request body: " + cause.getMessage());
    }

    private MicroException tooLarge() {
        return errors.error(413, "request body exceeds the limit of " + maxBytes + " bytes");
    }
}
