package micro.api.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import micro.api.MicroException;

/**
 * Per-call options; a null field (or -1 retries) takes the client's configured default. What is
 * retried, and how the deadline counts, is said once, in {@link RetryPolicy}.
 *
 * @param timeout deadline of the whole call: every attempt and every pause before a retry
 * @param retries attempts after the first one that the retry policy may ask for
 * @param backoff pause before the first retry, doubled at each further one
 * @param strategy selector strategy ({@code random}, {@code roundrobin})
 * @param address call this {@code host:port} directly, bypassing the selector
 * @param retryPolicy which failed attempts are tried again
 */
public record CallOptions(Duration timeout, int retries, Duration backoff, String strategy, String address,
        RetryPolicy retryPolicy) {

    private static final CallOptions DEFAULTS = new CallOptions(null, -1, null, null, null, null);

    /** The options of version 1.0, with the client's retry policy. */
    public CallOptions(Duration timeout, int retries, Duration backoff, String strategy, String address) {
        this(timeout, retries, backoff, strategy, address, null);
    }

    public static CallOptions defaults() {
        return DEFAULTS;
    }

    public CallOptions withTimeout(Duration value) {
        return new CallOptions(value, retries, backoff, strategy, address, retryPolicy);
    }

    public CallOptions withRetries(int value) {
        return new CallOptions(timeout, value, backoff, strategy, address, retryPolicy);
    }

    public CallOptions withBackoff(Duration value) {
        return new CallOptions(timeout, retries, value, strategy, address, retryPolicy);
    }

    public CallOptions withStrategy(String value) {
        return new CallOptions(timeout, retries, backoff, value, address, retryPolicy);
    }

    public CallOptions withAddress(String value) {
        return new CallOptions(timeout, retries, backoff, strategy, value, retryPolicy);
    }

    public CallOptions withRetryPolicy(RetryPolicy value) {
        return new CallOptions(timeout, retries, backoff, strategy, address, value);
    }

    /** Waits for {@code future} and rethrows its failure as the MicroException it carries. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MicroException("micro.client", 408, "interrupted while waiting for the reply", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MicroException micro) {
                throw micro;
            }
            throw new MicroException("micro.client", 500, String.valueOf(cause), cause);
        }
    }
}
