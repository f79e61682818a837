package micro.api.server;

/**
 * What a bidirectional streaming endpoint receives from its caller: {@code chat(StreamReceiver<In>,
 * StreamSender<Out>)}. {@link #receive()} blocks for the next value and returns null once the caller
 * closed its side.
 */
public interface StreamReceiver<T> {

    T receive();
}
