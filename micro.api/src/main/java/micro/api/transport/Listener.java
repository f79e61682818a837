package micro.api.transport;

/** A listening transport endpoint; closing it stops accepting and drains the calls in flight. */
public interface Listener extends AutoCloseable {

    /** The {@code host:port} it actually listens on (the port is resolved when 0 was asked). */
    String address();

    @Override
    void close();
}
