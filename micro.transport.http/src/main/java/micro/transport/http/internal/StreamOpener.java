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
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/** The client end of streams: a WebSocket to the node, the opening message's headers on the upgrade. */
final class StreamOpener implements AutoCloseable {

    private final WebSocketCoreClient client;
    private final int maxMessageBytes;

    /** Upgrades go through {@code http}, the transport's own started client (not stopped here). */
    StreamOpener(HttpClient http, int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        client = new WebSocketCoreClient(http, null);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the WebSocket client", e);
        }
    }

    Stream open(String address, Message request, Duration timeout) {
        WebSocketStream stream = new WebSocketStream(request.header(Message.CONTENT_TYPE), maxMessageBytes);
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
        try {
            client.stop();
        } catch (Exception e) {
            // stopping anyway
        }
    }
}
