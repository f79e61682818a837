package micro.api.broker;

/** A live subscription; closing it stops delivery. */
public interface Subscription extends AutoCloseable {

    String topic();

    String queue();

    @Override
    void close();

    /** A subscription of {@code topic} and {@code queue} (null for none) that runs {@code onClose} when closed. */
    static Subscription of(String topic, String queue, Runnable onClose) {
        return new Subscription() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public String queue() {
                return queue;
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }
}
