package micro.transport.http.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import micro.api.MicroException;
import micro.api.transport.Message;
import micro.api.transport.NodeTimeoutException;
import micro.api.transport.Stream;
import micro.api.transport.TransportException;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/**
 * The client end of streams: a WebSocket to the node, the opening message's headers on the upgrade.
 * Its Jetty client starts with the first stream, so a host that never opens one never pays for it.
 */
final class StreamOpener implements AutoCloseable {

    private final HttpSettings settings;
    private WebSocketCoreClient client;
    private boolean closed;

    StreamOpener(HttpSettings settings) {
        this.settings = settings;
    }

    private synchronized WebSocketCoreClient client() {
        if (closed) {
            throw new MicroException("micro.transport.http", 503, "the HTTP transport is closing");
        }
        if (client == null) {
            QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), 1);
            threads.setName("micro-http-stream-client");
            threads.setDaemon(true);
            HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(HttpCaller.plainHttpConnector()));
            http.setExecutor(threads);
            // Streams are not a browser session: no cookie carried from one caller to the next, no compression.
            http.setHttpCookieStore(new HttpCookieStore.Empty());
            http.getContentDecoderFactories().clear();
            http.setIdleTimeout(settings.idleTimeoutMillis());
            http.setFollowRedirects(false);
            http.setUserAgentField(null);
            WebSocketCoreClient started = new WebSocketCoreClient(http, null); // starts and stops http with it
            try {
                started.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the WebSocket client", e);
            }
            client = started;
        }
        return client;
    }

    Stream open(String address, Message request, Duration timeout) {
        WebSocketCoreClient client = client();
        WebSocketStream stream = new WebSocketStream(request.header(Message.CONTENT_TYPE), settings.maxBodyBytes());
        CoreClientUpgradeRequest upgrade = CoreClientUpgradeRequest.from(client, URI.create("ws://" + address + "/"), stream);
        upgrade.headers(headers -> {
            for (Map.Entry<String, String> header : request.headers().entrySet()) {
                headers.put(header.getKey(), header.getValue());
            }
        });
        try {
            client.connect(upgrade).get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MicroException("micro.transport.http", 503, "interrupted while opening a stream to " + address);
        } catch (TimeoutException e) {
            throw new NodeTimeoutException(address, "opening a stream to " + address + " timed out");
        } catch (ExecutionException | java.io.IOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new TransportException(address, "cannot open a stream: " + cause.getMessage(), cause);
        }
        stream.send(request);
        return stream;
    }

    @Override
    public void close() {
        WebSocketCoreClient started;
        synchronized (this) {
            closed = true;
            started = client;
        }
        if (started == null) {
            return;
        }
        try {
            started.stop();
        } catch (Exception e) {
            // stopping anyway
        }
    }
}
