package micro.bench.unary;

/** One peer's client: a synchronous call of the 1 KB greeting, checked. */
public interface Caller extends AutoCloseable {

    void call() throws Exception;

    @Override
    default void close() throws Exception {
    }
}
