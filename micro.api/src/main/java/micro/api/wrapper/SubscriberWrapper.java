package micro.api.wrapper;

import micro.api.transport.Message;

import org.osgi.annotation.versioning.ConsumerType;

/** Around every message delivered to a subscriber: go-micro's {@code SubscriberWrapper}. */
@ConsumerType
public interface SubscriberWrapper {

    /** A message on {@code topic}, for {@code subscriber} (its class name). */
    record Delivery(String topic, String subscriber, Message message) {
    }

    /** The rest of the chain, the subscriber last. */
    @FunctionalInterface
    interface Next {
        void proceed(Message message);
    }

    /** Delivers by calling {@code next.proceed(message)}, or drops the message by not calling it. */
    void deliver(Delivery delivery, Next next);
}
