package micro.api.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Carries requests to nodes. Published with property {@value #PROPERTY}{@code =<name>}, the same
 * name that nodes served by it carry in their {@code transport} metadata.
 */
@ProviderType
public interface Transport {

    String PROPERTY = "micro.transport";

    /** This transport's name, e.g. {@code http}. */
    String name();

    /** Starts serving {@code handler} on {@code address} ({@code host:port}, port 0 for a free one). */
    Listener listen(String address, TransportHandler handler);

    /**
     * Sends {@code request} to the node at {@code address}. The future fails with the remote
     * {@link micro.api.MicroException}, with code 408 after {@code timeout}, or with a
     * {@link TransportException} when the node cannot be reached.
     */
    CompletableFuture<Message> call(String address, Message request, Duration timeout);

    /**
     * As {@link #call}, for a caller that does nothing but wait for the reply (a synchronous call):
     * a reply may complete the future on the transport's I/O thread, sparing the hand-off to a pool
     * thread and its wake-up; failures complete as {@link #call}'s do. Whatever depends on the future
     * must therefore not block. Transports without an I/O thread of their own need not override it.
     */
    default CompletableFuture<Message> callAwaited(String address, Message request, Duration timeout) {
        return call(address, request, timeout);
    }

    /**
     * Starts serving {@code handler} and the streams of {@code streams} on {@code address}.
     *
     * @throws micro.api.MicroException 501 when this transport has no streams
     */
    default Listener listen(String address, TransportHandler handler, StreamHandler streams) {
        throw new micro.api.MicroException("micro.transport", 501, "transport " + name() + " does not carry streams");
    }

    /**
     * Opens a stream to the node at {@code address} with {@code request} as its first message.
     *
     * @throws micro.api.MicroException 501 when this transport has no streams, 502 when the node cannot be reached
     */
    default Stream stream(String address, Message request, Duration timeout) {
        throw new micro.api.MicroException("micro.transport", 501, "transport " + name() + " does not carry streams");
    }
}
