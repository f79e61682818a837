package micro.core.internal.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import micro.api.MicroException;
import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.Transport;
import micro.api.transport.TransportException;
import micro.api.transport.TransportHandler;

/** A transport inside one JVM: addresses are keys of a map; unknown addresses refuse connections. */
public final class InMemoryTransport implements Transport {

    private final Map<String, TransportHandler> listeners = new ConcurrentHashMap<>();
    public final List<String> calledAddresses = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Listener listen(String address, TransportHandler handler) {
        listeners.put(address, handler);
        return new Listener() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
                listeners.remove(address);
            }
        };
    }

    @Override
    public CompletableFuture<Message> call(String address, Message request, Duration timeout) {
        calledAddresses.add(address);
        TransportHandler handler = listeners.get(address);
        if (handler == null) {
            return CompletableFuture.failedFuture(new TransportException(address, "connection refused", null));
        }
        return CompletableFuture.supplyAsync(() -> handler.handle(request))
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(
                        error instanceof java.util.concurrent.TimeoutException
                                ? new micro.api.transport.NodeTimeoutException(address, "timed out calling " + address)
                                : error.getCause() != null ? error.getCause() : error));
    }
}
