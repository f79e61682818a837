package micro.transport.http.internal;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import micro.api.MicroException;
import micro.api.transport.Message;
import micro.api.transport.NodeTimeoutException;
import micro.api.transport.TransportException;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The client side: one Jetty {@link HttpClient} with pooled keep-alive connections per node. Calls are
 * asynchronous; the reply is buffered up to the body limit.
 */
final class HttpCaller implements AutoCloseable {

    private static final String JSON = "application/json";

    private final HttpClient client;
    private final NodeUris nodeUris = new NodeUris();
    private final int maxBodyBytes;
    private final Executor threads;

    HttpCaller(HttpSettings settings) {
        QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), 2);
        threads.setName("micro-http-client");
        threads.setDaemon(true);
        // Replies are read on the I/O thread (the listeners only fill a buffer); each call then says where
        // its future completes: on a pool thread, as a caller's continuation may block (a call within a
        // callback, which on the I/O thread would stall every reply behind it), or, for a caller that
        // only waits, right there.
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(plainHttpConnector());
        transport.setInvocationType(InvocationType.NON_BLOCKING);
        client = new HttpClient(transport);
        client.setExecutor(threads);
        this.threads = threads;
        // Calls are not a browser session: no cookie carried from one caller to the next, no compression.
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.getContentDecoderFactories().clear();
        client.setMaxConnectionsPerDestination(settings.maxConnectionsPerNode());
        client.setIdleTimeout(settings.idleTimeoutMillis());
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        maxBodyBytes = settings.maxBodyBytes();
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client", e);
        }
    }

    /**
     * Nodes speak plain HTTP: the TLS factory every Jetty client makes is kept but never started,
     * which spares loading an SSLContext and the trust store (about 0.2 s of the host's boot).
     */
    private static ClientConnector plainHttpConnector() {
        ClientConnector connector = new ClientConnector();
        SslContextFactory.Client tls = new SslContextFactory.Client();
        connector.setSslContextFactory(tls);
        connector.unmanage(tls);
        return connector;
    }

    /** The started client, shared with the WebSocket client of streams. */
    HttpClient httpClient() {
        return client;
    }

    /** A call whose future completes on a pool thread: its dependents may block. */
    CompletableFuture<Message> call(String address, Message message, Duration timeout) {
        return call(address, message, timeout, false);
    }

    /** A call whose caller only waits: a reply completes it on the I/O thread, a failure on a pool thread. */
    CompletableFuture<Message> callAwaited(String address, Message message, Duration timeout) {
        return call(address, message, timeout, true);
    }

    private CompletableFuture<Message> call(String address, Message message, Duration timeout, boolean awaited) {
        CompletableFuture<Message> result = new CompletableFuture<>();
        String contentType = message.header(Message.CONTENT_TYPE);
        Request request;
        try {
            request = client.newRequest(nodeUris.of(address));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new TransportException(address, "invalid address: " + e.getMessage(), e));
        }
        request
                .method(HttpMethod.POST)
                .timeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)
                .headers(headers -> {
                    headers.put(HttpHeader.HOST, address);
                    for (Map.Entry<String, String> header : message.headers().entrySet()) {
                        if (!header.getKey().equalsIgnoreCase(Message.CONTENT_TYPE)) {
                            headers.put(header.getKey(), header.getValue());
                        }
                    }
                })
                .body(new BytesRequestContent(contentType != null ? contentType : JSON, message.body()));
        request.send(new ReplyCollector(maxBodyBytes) {
            @Override
            public void onComplete(Result outcome) {
                if (outcome.isFailed()) {
                    MicroException failed = failure(address, timeout, outcome.getFailure());
                    onPool(() -> result.completeExceptionally(failed));
                    return;
                }
                int status = outcome.getResponse().getStatus();
                byte[] body = content();
                if (status != 200) {
                    MicroException error = ErrorBodies.read(status, body);
                    onPool(() -> result.completeExceptionally(error));
                    return;
                }
                String replyType = outcome.getResponse().getHeaders().get(HttpHeader.CONTENT_TYPE);
                Message reply = new Message(Map.of(Message.CONTENT_TYPE, replyType != null ? replyType : JSON), body);
                if (awaited) {
                    result.complete(reply);
                } else {
                    onPool(() -> result.complete(reply));
                }
            }
        });
        return result;
    }

    /** Runs a completion on a pool thread; on this one once the pool has stopped (the client is closing). */
    private void onPool(Runnable completion) {
        try {
            threads.execute(completion);
        } catch (RejectedExecutionException stopped) {
            completion.run();
        }
    }

    private static MicroException failure(String address, Duration timeout, Throwable cause) {
        if (cause instanceof TimeoutException) {
            return new NodeTimeoutException(address, "call to " + address + " timed out after "
                    + timeout.toMillis() + " ms");
        }
        String reason = cause instanceof ConnectException ? "connection refused" : String.valueOf(cause.getMessage());
        return new TransportException(address, reason, cause);
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // stopping: nothing left to do with a client that fails to stop
        }
    }
}
