package micro.api.transport;

/**
 * Serves requests that reach a listener. Called on a transport thread, possibly for many requests at
 * once; it may block. A thrown {@link micro.api.MicroException} becomes the error reply.
 */
@FunctionalInterface
public interface TransportHandler {

    Message handle(Message request);
}
