package micro.api.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import java.util.function.Predicate;

import micro.api.MicroException;
import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.api.selector.Filters;
import micro.api.selector.SelectOptions;

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
 * @param versionFilter which versions of the service may be called (see {@link Filters}); null: any
 * @param nodeFilter which nodes may be called (see {@link Filters#label}); null: any
 * @param contentType the codec the request is encoded with, e.g. {@code application/protobuf}; null:
 *        the client's configured one. The reply comes back in the same.
 * @param replyOnIoThread the caller's continuations never block (see {@link #withReplyOnIoThread()})
 */
public record CallOptions(Duration timeout, int retries, Duration backoff, String strategy, String address,
        RetryPolicy retryPolicy, Predicate<Service> versionFilter, Predicate<Node> nodeFilter, String contentType,
        boolean replyOnIoThread) {

    private static final CallOptions DEFAULTS = new CallOptions(null, -1, null, null, null, null, null, null, null, false);

    /** The options of version 1.0, with the client's retry policy. */
    public CallOptions(Duration timeout, int retries, Duration backoff, String strategy, String address) {
        this(timeout, retries, backoff, strategy, address, null);
    }

    /** The options of version 1.1: any version, any node. */
    public CallOptions(Duration timeout, int retries, Duration backoff, String strategy, String address,
            RetryPolicy retryPolicy) {
        this(timeout, retries, backoff, strategy, address, retryPolicy, null, null);
    }

    /** The options of version 1.2: the client's content type. */
    public CallOptions(Duration timeout, int retries, Duration backoff, String strategy, String address,
            RetryPolicy retryPolicy, Predicate<Service> versionFilter, Predicate<Node> nodeFilter) {
        this(timeout, retries, backoff, strategy, address, retryPolicy, versionFilter, nodeFilter, null);
    }

    /** The options of version 1.3: continuations on a pool thread. */
    public CallOptions(Duration timeout, int retries, Duration backoff, String strategy, String address,
            RetryPolicy retryPolicy, Predicate<Service> versionFilter, Predicate<Node> nodeFilter, String contentType) {
        this(timeout, retries, backoff, strategy, address, retryPolicy, versionFilter, nodeFilter, contentType, false);
    }

    public static CallOptions defaults() {
        return DEFAULTS;
    }

    public CallOptions withTimeout(Duration value) {
        return new CallOptions(value, retries, backoff, strategy, address,
                retryPolicy, versionFilter, nodeFilter, contentType, replyOnIoThread);
    }

    public CallOptions withRetries(int value) {
        return new CallOptions(timeout, value, backoff, strategy, address,
                retryPolicy, versionFilter, nodeFilter, contentType, replyOnIoThread);
    }

    public CallOptions withBackoff(Duration value) {
        return new CallOptions(timeout, retries, value, strategy, address,
                retryPolicy, versionFilter, nodeFilter, contentType, replyOnIoThread);
    }

    public CallOptions withStrategy(String value) {
        return new CallOptions(timeout, retries, backoff, value, address,
                retryPolicy, versionFilter, nodeFilter, contentType, replyOnIoThread);
    }

    /** Calls the node at {@code host:port}, bypassing the registry (go-micro's {@code CallRemote}). */
    public CallOptions withAddress(String value) {
        return new CallOptions(timeout, retries, backoff, strategy, value,
                retryPolicy, versionFilter, nodeFilter, contentType, replyOnIoThread);
    }

    public CallOptions withRetryPolicy(RetryPolicy value) {
        return new CallOptions(timeout, retries, backoff, strategy, address,
                value, versionFilter, nodeFilter, contentType, replyOnIoThread);
    }

    /** Only the nodes of these versions of the service (go-micro's {@code FilterVersion}). */
    public CallOptions withVersion(String... versions) {
        return withVersionFilter(Filters.version(versions));
    }

    /** Only the versions {@code value} accepts, and those the options already accepted. */
    public CallOptions withVersionFilter(Predicate<Service> value) {
        Predicate<Service> both = versionFilter == null ? value : new Both<>(versionFilter, value);
        return new CallOptions(timeout, retries, backoff, strategy, address,
                retryPolicy, both, nodeFilter, contentType, replyOnIoThread);
    }

    /** Only the nodes {@code value} accepts ({@link Filters#label}), and those the options already accepted. */
    public CallOptions withNodeFilter(Predicate<Node> value) {
        Predicate<Node> both = nodeFilter == null ? value : new Both<>(nodeFilter, value);
        return new CallOptions(timeout, retries, backoff, strategy, address,
                retryPolicy, versionFilter, both, contentType, replyOnIoThread);
    }

    /** Encodes the request with the codec of {@code value} ({@code application/protobuf}, ...). */
    public CallOptions withContentType(String value) {
        return new CallOptions(timeout, retries, backoff, strategy, address,
                retryPolicy, versionFilter, nodeFilter, value, replyOnIoThread);
    }

    /**
     * For a caller whose continuations never block, such as an edge that writes the reply to its own
     * client asynchronously: a reply may complete the future on the transport's I/O thread, which
     * spares a hand-off to a pool thread per call (the gateway's CPU per proxied request, changes.md 22
     * of the bench). Whatever depends on the future must then not block, not even on another call:
     * it would hold the thread every reply of that transport is read on. Failures still complete on a
     * pool thread, and with call wrappers installed every completion does.
     */
    public CallOptions withReplyOnIoThread() {
        return new CallOptions(timeout, retries, backoff, strategy, address,
                retryPolicy, versionFilter, nodeFilter, contentType, true);
    }

    /** The selection these options ask for. */
    public SelectOptions selection() {
        return new SelectOptions(strategy, nodeFilter, versionFilter);
    }

    /** Two filters, both to pass; says both when a call finds no node. */
    private record Both<T>(Predicate<T> first, Predicate<T> second) implements Predicate<T> {
        @Override
        public boolean test(T value) {
            return first.test(value) && second.test(value);
        }

        @Override
        public String toString() {
            return first + " and " + second;
        }
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
