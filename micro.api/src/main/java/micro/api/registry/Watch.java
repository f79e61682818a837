package micro.api.registry;

/** A running registry watch; closing it stops the events. */
public interface Watch extends AutoCloseable {

    @Override
    void close();
}
