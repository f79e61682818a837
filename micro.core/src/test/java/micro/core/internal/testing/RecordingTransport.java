package micro.core.internal.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.Transport;
import micro.api.transport.TransportHandler;
import micro.core.internal.transport.MemoryTransport;

/** The in-memory transport, keeping the address of every call so a test can say where calls went. */
public final class RecordingTransport implements Transport {

    public final List<String> calledAddresses = new CopyOnWriteArrayList<>();
    private final Transport delegate = new MemoryTransport();

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Listener listen(String address, TransportHandler handler) {
        return delegate.listen(address, handler);
    }

    @Override
    public CompletableFuture<Message> call(String address, Message request, Duration timeout) {
        calledAddresses.add(address);
        return delegate.call(address, request, timeout);
    }
}
