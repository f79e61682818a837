package micro.core.internal.transport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import micro.api.MicroException;
import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.NodeTimeoutException;
import micro.api.transport.Transport;
import micro.api.transport.TransportException;
import micro.api.transport.TransportHandler;
import micro.core.internal.Threads;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The transport inside one process, as go-micro's memory transport: an address is a key of a map,
 * a call runs the listener's handler on a thread of a bounded pool, with the same failures a network
 * transport has (unknown address: {@link TransportException}; past the deadline:
 * {@link NodeTimeoutException}). For tests and for a host whose services all live in it
 * ({@code micro.jar server --transport memory}); only active when its PID is configured, so it never
 * takes over from a network transport that restarts. No streams.
 */
@Component(service = Transport.class, configurationPid = "micro.transport.memory",
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = { Transport.PROPERTY + "=memory", "service.ranking:Integer=-100" })
public final class MemoryTransport implements Transport {

    private static final int MAX_CALLS_IN_FLIGHT = 64;

    private final Map<String, TransportHandler> listeners = new ConcurrentHashMap<>();
    private final AtomicInteger nextPort = new AtomicInteger(1);
    private final ThreadPoolExecutor calls = new ThreadPoolExecutor(0, MAX_CALLS_IN_FLIGHT, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), Threads.daemon("micro-memory-transport"));

    @Override
    public String name() {
        return "memory";
    }

    /** {@code host:0} gets a port no listener of this transport holds. */
    @Override
    public Listener listen(String address, TransportHandler handler) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw MicroException.badRequest("micro.transport.memory", "'" + address + "' is not host:port");
        }
        String host = address.substring(0, colon);
        String bound = address.endsWith(":0") ? freeAddress(host, handler) : address;
        if (!bound.equals(address) || listeners.putIfAbsent(bound, handler) == null) {
            return new MemoryListener(bound, handler);
        }
        throw new MicroException("micro.transport.memory", 409, "address " + address + " is in use");
    }

    @Override
    public CompletableFuture<Message> call(String address, Message request, Duration timeout) {
        TransportHandler handler = listeners.get(address);
        if (handler == null) {
            return CompletableFuture.failedFuture(new TransportException(address, "nothing listens on " + address
                    + " in this process", null));
        }
        CompletableFuture<Message> reply;
        try {
            reply = CompletableFuture.supplyAsync(() -> handle(handler, request), calls);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(MicroException.unavailable("micro.transport.memory",
                    MAX_CALLS_IN_FLIGHT + " calls are in flight in this process; try again"));
        }
        return reply.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).exceptionallyCompose(error -> {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            return CompletableFuture.failedFuture(cause instanceof TimeoutException
                    ? new NodeTimeoutException(address, "no answer from " + address + " within " + timeout.toMillis() + " ms")
                    : cause);
        });
    }

    @Deactivate
    void close() {
        listeners.clear();
        calls.shutdownNow();
    }

    private static Message handle(TransportHandler handler, Message request) {
        try {
            return handler.handle(request);
        } catch (MicroException e) {
            throw e;
        } catch (RuntimeException e) {
            throw MicroException.internal("micro.transport.memory", String.valueOf(e.getMessage()));
        }
    }

    private String freeAddress(String host, TransportHandler handler) {
        while (true) {
            String candidate = host + ":" + nextPort.getAndIncrement();
            if (listeners.putIfAbsent(candidate, handler) == null) {
                return candidate;
            }
        }
    }

    private final class MemoryListener implements Listener {
        private final String address;
        private final TransportHandler handler;

        MemoryListener(String address, TransportHandler handler) {
            this.address = address;
            this.handler = handler;
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public void close() {
            listeners.remove(address, handler);
        }
    }
}
