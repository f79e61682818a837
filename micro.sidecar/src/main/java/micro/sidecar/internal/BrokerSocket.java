package micro.sidecar.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import micro.api.broker.Broker;
import micro.api.broker.Subscription;
import micro.api.transport.Message;
import micro.edge.http.TextSocket;

/**
 * The WebSocket of {@code /broker?topic=T[&queue=Q]}: every message published on T reaches the app as
 * a text message ({@link SidecarJson#message}), and every text message the app sends is published on
 * T as JSON. A subscriber that stops reading is closed once {@value #MAX_PENDING} messages wait for it.
 */
final class BrokerSocket extends TextSocket {

    static final int MAX_PENDING = 1024;

    private final Broker broker;
    private final String topic;
    private final String queue;
    private volatile Subscription subscription;

    BrokerSocket(Broker broker, String topic, String queue, int maxMessageBytes) {
        super(maxMessageBytes, MAX_PENDING);
        this.broker = broker;
        this.topic = topic;
        this.queue = queue == null || queue.isBlank() ? null : queue;
    }

    @Override
    protected void opened() {
        subscription = broker.subscribe(topic, (on, message) -> send(SidecarJson.message(on, message)), queue);
    }

    @Override
    protected void onText(String text) {
        broker.publish(topic, new Message(Map.of(Message.CONTENT_TYPE, "application/json"),
                text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    protected void closed() {
        Subscription open = subscription;
        if (open != null) {
            open.close();
        }
    }
}
