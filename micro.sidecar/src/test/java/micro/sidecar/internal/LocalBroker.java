package micro.sidecar.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.broker.Broker;
import micro.api.broker.BrokerHandler;
import micro.api.broker.Subscription;
import micro.api.transport.Message;

/** A broker inside the test: delivers each message to the subscribers of its topic at once and remembers it. */
final class LocalBroker implements Broker {

    record Published(String topic, Message message) {
    }

    final List<Published> published = new CopyOnWriteArrayList<>();
    private final Map<String, List<BrokerHandler>> subscribers = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "local";
    }

    @Override
    public void publish(String topic, Message message) {
        published.add(new Published(topic, message));
        subscribers.getOrDefault(topic, List.of()).forEach(handler -> handler.onMessage(topic, message));
    }

    @Override
    public Subscription subscribe(String topic, BrokerHandler handler, String queue) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
        return Subscription.of(topic, queue, () -> subscribers.get(topic).remove(handler));
    }

    int subscribers(String topic) {
        return subscribers.getOrDefault(topic, List.of()).size();
    }
}
