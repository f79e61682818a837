package micro.api.server;

/**
 * What a streaming endpoint sends its caller: each value is encoded and sent in order. A handler
 * method {@code watch(Request, StreamSender<Reply>)} serves a server stream.
 */
@FunctionalInterface
public interface StreamSender<T> {

    void send(T value);
}
