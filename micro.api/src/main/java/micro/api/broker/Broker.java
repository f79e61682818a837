package micro.api.broker;

import micro.api.transport.Message;

import org.osgi.annotation.versioning.ProviderType;

/** Publish/subscribe. Published with property {@value #PROPERTY}{@code =<name>}. */
@ProviderType
public interface Broker {

    String PROPERTY = "micro.broker";

    /** Message header holding the topic a message was published on. */
    String TOPIC_HEADER = "Micro-Topic";

    String name();

    /** Delivers {@code message} to the subscribers of {@code topic}; none is not an error. */
    void publish(String topic, Message message);

    /**
     * Subscribes {@code handler} to {@code topic}. Subscribers with the same non-null {@code queue}
     * share the messages: each goes to one of them.
     */
    Subscription subscribe(String topic, BrokerHandler handler, String queue);
}
