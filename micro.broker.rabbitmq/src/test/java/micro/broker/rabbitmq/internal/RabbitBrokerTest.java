package micro.broker.rabbitmq.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.MicroException;
import micro.api.broker.Broker;
import micro.api.broker.Subscription;
import micro.api.transport.Message;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.Configs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The RabbitMQ broker against a real rabbitmq-server, one for the class (it takes seconds to boot). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RabbitBrokerTest {

    private static RabbitMqServer rabbit;
    private final List<RabbitBroker> brokers = new ArrayList<>();

    @BeforeAll
    static void startRabbit() throws Exception {
        rabbit = RabbitMqServer.start();
    }

    @AfterAll
    static void stopRabbit() throws Exception {
        if (rabbit != null) {
            rabbit.close();
        }
    }

    @AfterEach
    void closeBrokers() {
        brokers.forEach(RabbitBroker::close);
    }

    private RabbitBroker broker(Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(Map.of("address", rabbit.address(), "reconnect_wait_ms", 200L));
        all.putAll(config);
        RabbitBroker broker = new RabbitBroker(RabbitSettings.of(Configs.of(RabbitBroker.Config.class, all)));
        brokers.add(broker);
        Await.until("the broker to connect to RabbitMQ", Duration.ofSeconds(30), broker::isConnected);
        return broker;
    }

    private static Message json(String text) {
        return new Message(Map.of(Message.CONTENT_TYPE, "application/json", "X-Trace", "t1"), text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Message message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    /** RabbitMQ binds a queue asynchronously to our subscribe call: publish until the first message arrives. */
    private static void publishUntilReceived(Broker broker, String topic, java.util.Collection<?> received) {
        Await.until("a subscription on " + topic + " to be bound", Duration.ofSeconds(10), () -> {
            if (received.isEmpty()) {
                broker.publish(topic, json("{\"probe\":true}"));
            }
            return !received.isEmpty();
        });
    }

    @Test
    @Order(1)
    void aPublishedMessageArrivesWithItsHeaders() {
        RabbitBroker broker = broker(Map.of());
        List<Message> received = new CopyOnWriteArrayList<>();
        broker.subscribe("micro.test.headers", (topic, message) -> received.add(message), null);
        publishUntilReceived(broker, "micro.test.headers", received);
        Message first = received.get(0);
        assertEquals("application/json", first.header(Message.CONTENT_TYPE));
        assertEquals("t1", first.header("X-Trace"));
        assertEquals("micro.test.headers", first.header(Broker.TOPIC_HEADER));
        assertEquals("{\"probe\":true}", text(first));
    }

    @Test
    @Order(2)
    void aQueueGroupSharesTheMessagesWhileEachGroupGetsThemAll() {
        RabbitBroker broker = broker(Map.of());
        Map<String, List<String>> got = new ConcurrentHashMap<>();
        for (String member : List.of("a1", "a2")) {
            broker.subscribe("micro.test.groups", (topic, message) -> got.computeIfAbsent(member, m -> new CopyOnWriteArrayList<>())
                    .add(text(message)), "group-a");
        }
        List<String> other = new CopyOnWriteArrayList<>();
        broker.subscribe("micro.test.groups", (topic, message) -> other.add(text(message)), "group-b");
        publishUntilReceived(broker, "micro.test.groups", other);
        Await.until("group a to get the probes", Duration.ofSeconds(10), () -> got.values().stream().mapToInt(List::size).sum()
                >= other.size());
        got.clear();
        other.clear();
        for (int i = 0; i < 100; i++) {
            broker.publish("micro.test.groups", json("{\"n\":" + i + "}"));
        }
        Await.until("every message once in each group", Duration.ofSeconds(20), () -> other.size() == 100
                && got.values().stream().mapToInt(List::size).sum() == 100);
        assertTrue(got.get("a1").size() > 0 && got.get("a2").size() > 0, "both members of group a got some: " + got.keySet());
        Set<String> distinct = new java.util.HashSet<>(got.get("a1"));
        distinct.addAll(got.get("a2"));
        assertEquals(100, distinct.size(), "no message went to both members");
    }

    @Test
    @Order(3)
    void anEndedSubscriptionGetsNoMore() {
        RabbitBroker broker = broker(Map.of());
        List<String> received = new CopyOnWriteArrayList<>();
        Subscription subscription = broker.subscribe("micro.test.unsubscribe", (topic, message) -> received.add(text(message)),
                null);
        publishUntilReceived(broker, "micro.test.unsubscribe", received);
        subscription.close();
        List<String> after = new CopyOnWriteArrayList<>();
        broker.subscribe("micro.test.unsubscribe", (topic, message) -> after.add(text(message)), null);
        publishUntilReceived(broker, "micro.test.unsubscribe", after);
        int before = received.size();
        broker.publish("micro.test.unsubscribe", json("{\"last\":true}"));
        Await.until("the live subscription to get the last message", Duration.ofSeconds(10), () -> after.contains("{\"last\":true}"));
        assertEquals(before, received.size(), "the ended subscription got nothing more");
    }

    /**
     * 10,000 messages to a durable queue group, RabbitMQ restarted halfway: while it is down a publish
     * is a 503 naming it and is retried; once back, the broker has reconnected by itself, the
     * subscription still delivers, and every message whose publish returned arrives.
     */
    @Test
    @Order(10)
    void durableMessagesSurviveABrokerRestartAndSubscriptionsComeBack() throws Exception {
        RabbitBroker publisher = broker(Map.of("durable", true, "exchange", "micro.durable"));
        RabbitBroker subscriber = broker(Map.of("durable", true, "exchange", "micro.durable"));
        Set<String> received = ConcurrentHashMap.newKeySet();
        subscriber.subscribe("micro.test.durable", (topic, message) -> received.add(text(message)), "workers");
        publishUntilReceived(publisher, "micro.test.durable", received);
        received.clear();
        int[] refused = { 0 };
        for (int i = 0; i < 10_000; i++) {
            if (i == 5_000) {
                rabbit.stop();
                MicroException down = assertThrows(MicroException.class, () -> publisher.publish("micro.test.durable",
                        json("{\"down\":true}")));
                assertEquals(503, down.code());
                assertTrue(down.detail().contains("RabbitMQ at " + rabbit.address()), down.detail());
                rabbit.restart();
            }
            Message message = json("{\"n\":" + i + "}");
            Await.until("RabbitMQ to take message " + i, Duration.ofSeconds(60), () -> {
                try {
                    publisher.publish("micro.test.durable", message);
                    return true;
                } catch (MicroException e) {
                    assertEquals(503, e.code(), e.detail());
                    refused[0]++;
                    return false;
                }
            });
        }
        Await.until("all 10,000 messages to arrive", Duration.ofSeconds(60), () -> received.size() == 10_000);
        System.out.printf("RabbitMQ restart: 10000 published (%d attempts refused while it was down), %d arrived%n", refused[0],
                received.size());
    }
}
