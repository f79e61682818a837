package micro.api.transport;

import java.time.Duration;

/**
 * One end of a stream: messages go both ways, in order, until either end closes. Not thread safe for
 * concurrent receivers; a sender and a receiver may run on different threads.
 */
public interface Stream extends AutoCloseable {

    /**
     * Sends a message to the other end.
     *
     * @throws micro.api.MicroException when the stream is closed or broken
     */
    void send(Message message);

    /**
     * The next message from the other end, waiting up to {@code timeout}; null once the other end
     * closed its side normally.
     *
     * @throws micro.api.MicroException the other end's error, 408 after the timeout, 502 when the stream broke
     */
    Message receive(Duration timeout);

    /** Ends this side; the other end receives null after the messages sent before. */
    @Override
    void close();

    /** Ends the stream with an error the other end receives as a {@link micro.api.MicroException}. */
    void fail(micro.api.MicroException error);
}
