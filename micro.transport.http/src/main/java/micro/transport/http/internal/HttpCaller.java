package micro.transport.http.internal;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

    HttpCaller(HttpSettings settings) {
        QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), 2);
        threads.setName("micro-http-client");
        threads.setDaemon(true);
        // Replies complete on pool threads, not on the I/O thread: a caller's continuation may block (a call
        // within a callback), and on the I/O thread that would stall every reply behind it.
        client = new HttpClient(new HttpClientTransportOverHTTP(plainHttpConnector()));
        client.setExecutor(threads);
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

    CompletableFuture<Message> call(String address, Message message, Duration timeout) {
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
                    result.completeExceptionally(failure(address, timeout, outcome.getFailure()));
                    return;
                }
                int status = outcome.getResponse().getStatus();
                byte[] body = content();
                if (status == 200) {
                    String replyType = outcome.getResponse().getHeaders().get(HttpHeader.CONTENT_TYPE);
                    result.complete(new Message(Map.of(Message.CONTENT_TYPE, replyType != null ? replyType : JSON), body));
                } else {
                    result.completeExceptionally(ErrorBodies.read(status, body));
                }
            }
        });
        return result;
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
