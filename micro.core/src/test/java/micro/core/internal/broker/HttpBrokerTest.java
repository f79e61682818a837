package micro.core.internal.broker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.broker.Subscription;
import micro.api.transport.Message;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.RecordingTransport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several http brokers, as several processes would run them, sharing one registry and one network. */
class HttpBrokerTest {

    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofSeconds(1));
    private final RecordingTransport network = new RecordingTransport();
    private final List<HttpBroker> brokers = new ArrayList<>();
    private HttpBroker a;
    private HttpBroker b;
    private HttpBroker publisher;

    @BeforeEach
    void start() {
        a = broker("a:1");
        b = broker("b:1");
        publisher = broker("p:1");
    }

    @AfterEach
    void stop() {
        brokers.forEach(HttpBroker::close);
        registry.close();
    }

    private HttpBroker broker(String address) {
        HttpBroker broker = new HttpBroker(address, micro.core.internal.listener.RegisterTimings.DEFAULTS, Duration.ofSeconds(5));
        broker.setRegistry(registry);
        broker.setTransport(network);
        brokers.add(broker);
        return broker;
    }

    private static Message json(String text) {
        return new Message(Map.of(Message.CONTENT_TYPE, "application/json"), text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Message message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aBroadcastReachesEverySubscriberInEveryProcess() {
        List<String> atA = new CopyOnWriteArrayList<>();
        List<String> atB = new CopyOnWriteArrayList<>();
        a.subscribe("greeted", (topic, message) -> atA.add(topic + " " + text(message)), null);
        b.subscribe("greeted", (topic, message) -> atB.add(topic + " " + text(message)), null);

        publisher.publish("greeted", json("{\"name\":\"John\"}"));

        Await.until("both subscribers", Duration.ofSeconds(5), () -> atA.size() == 1 && atB.size() == 1);
        assertEquals("greeted {\"name\":\"John\"}", atA.get(0));
        assertEquals("greeted {\"name\":\"John\"}", atB.get(0));
    }

    @Test
    void aQueueGroupGetsEachMessageOnce() {
        List<String> received = new CopyOnWriteArrayList<>();
        a.subscribe("work", (topic, message) -> received.add("a " + text(message)), "workers");
        b.subscribe("work", (topic, message) -> received.add("b " + text(message)), "workers");
        for (int i = 0; i < 40; i++) {
            publisher.publish("work", json(String.valueOf(i)));
        }
        Await.until("40 deliveries", Duration.ofSeconds(5), () -> received.size() >= 40);
        assertEquals(40, received.size());
        HashSet<String> messages = new HashSet<>();
        received.forEach(line -> messages.add(line.substring(2)));
        assertEquals(40, messages.size(), "no message twice");
        assertTrue(received.stream().anyMatch(l -> l.startsWith("a ")) && received.stream().anyMatch(l -> l.startsWith("b ")),
                "both members got work: " + received);
    }

    @Test
    void aSubscriberThatThrowsDoesNotStopTheOthers() {
        List<String> received = new CopyOnWriteArrayList<>();
        a.subscribe("greeted", (topic, message) -> {
            throw new IllegalStateException("broken subscriber");
        }, null);
        a.subscribe("greeted", (topic, message) -> received.add(text(message)), null);
        publisher.publish("greeted", json("1"));
        publisher.publish("greeted", json("2"));
        Await.until("both messages", Duration.ofSeconds(5), () -> received.size() == 2);
        assertEquals(List.of("1", "2"), received);
    }

    @Test
    void publishingToATopicWithoutSubscribersIsNotAnError() {
        assertDoesNotThrow(() -> publisher.publish("nobody.listens", json("{}")));
        assertEquals(List.of(), registry.getService("topic:nobody.listens"), "and it registers nothing");
    }

    @Test
    void aClosedSubscriptionReceivesNothingMoreAndLeavesTheRegistry() {
        List<String> received = new CopyOnWriteArrayList<>();
        Subscription subscription = a.subscribe("greeted", (topic, message) -> received.add(text(message)), null);
        assertEquals(1, registry.getService("topic:greeted").size());
        subscription.close();
        assertTrue(registry.getService("topic:greeted").isEmpty());
        publisher.publish("greeted", json("late"));
        assertTrue(received.isEmpty());
    }
}
