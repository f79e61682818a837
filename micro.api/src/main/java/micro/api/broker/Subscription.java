package micro.api.broker;

/** A live subscription; closing it stops delivery. */
public interface Subscription extends AutoCloseable {

    String topic();

    String queue();

    @Override
    void close();
}
