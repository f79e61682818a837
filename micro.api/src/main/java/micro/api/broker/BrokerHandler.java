package micro.api.broker;

import micro.api.transport.Message;

/** Receives the messages of a subscription; an exception is logged and does not stop delivery. */
@FunctionalInterface
public interface BrokerHandler {

    void onMessage(String topic, Message message);
}
