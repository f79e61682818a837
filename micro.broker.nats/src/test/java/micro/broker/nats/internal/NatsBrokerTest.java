package micro.broker.nats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import io.nats.client.Options;

import micro.api.transport.Message;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.ServerProcess;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NATS broker against a real nats-server. */
class NatsBrokerTest {

    @TempDir
    Path dir;
    private ServerProcess nats;
    private final List<NatsBroker> brokers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        nats = NatsServer.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        for (NatsBroker broker : brokers) {
            broker.close();
        }
        nats.close();
    }

    private NatsBroker broker() throws Exception {
        NatsBroker broker = new NatsBroker(new Options.Builder().server("nats://" + nats.address()).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(100)).build());
        brokers.add(broker);
        if (nats.isRunning()) {
            await("the broker to connect", broker::isConnected);
        }
        return broker;
    }

    private static Message json(String text) {
        return new Message(Map.of(Message.CONTENT_TYPE, "application/json", "X-Trace", "t1"),
                text.getBytes(StandardCharsets.UTF_8));
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(20), condition);
    }

    @Test
    void aBroadcastReachesEverySubscriberWithItsHeaders() throws Exception {
        NatsBroker a = broker();
        NatsBroker b = broker();
        List<Message> atA = new CopyOnWriteArrayList<>();
        List<Message> atB = new CopyOnWriteArrayList<>();
        a.subscribe("greeted", (topic, message) -> atA.add(message), null);
        b.subscribe("greeted", (topic, message) -> atB.add(message), null);
        a.flush();
        b.flush();
        NatsBroker publisher = broker();
        publisher.publish("greeted", json("{\"name\":\"John\"}"));
        await("both subscribers", () -> atA.size() == 1 && atB.size() == 1);
        assertEquals("{\"name\":\"John\"}", new String(atA.get(0).body(), StandardCharsets.UTF_8));
        assertEquals("t1", atB.get(0).header("X-Trace"));
        assertEquals("greeted", atB.get(0).header("Micro-Topic"));
    }

    @Test
    void aQueueGroupGetsEachMessageOnce() throws Exception {
        NatsBroker a = broker();
        NatsBroker b = broker();
        List<String> received = new CopyOnWriteArrayList<>();
        a.subscribe("work", (topic, message) -> received.add("a " + new String(message.body())), "workers");
        b.subscribe("work", (topic, message) -> received.add("b " + new String(message.body())), "workers");
        a.flush();
        b.flush();
        NatsBroker publisher = broker();
        for (int i = 0; i < 100; i++) {
            publisher.publish("work", json(String.valueOf(i)));
        }
        await("100 deliveries", () -> received.size() >= 100);
        publisher.flush();
        HashSet<String> distinct = new HashSet<>();
        received.forEach(line -> distinct.add(line.substring(2)));
        assertEquals(100, received.size());
        assertEquals(100, distinct.size(), "no message twice");
    }

    @Test
    void aSubscriberThatThrowsDoesNotStopTheOthers() throws Exception {
        NatsBroker a = broker();
        List<String> received = new CopyOnWriteArrayList<>();
        a.subscribe("greeted", (topic, message) -> {
            throw new IllegalStateException("broken subscriber");
        }, null);
        a.subscribe("greeted", (topic, message) -> received.add(new String(message.body())), null);
        a.flush();
        a.publish("greeted", json("1"));
        a.publish("greeted", json("2"));
        await("both messages", () -> received.size() == 2);
        assertEquals(List.of("1", "2"), received);
    }

    @Test
    void aNatsRestartLosesNoSubscription() throws Exception {
        NatsBroker subscriber = broker();
        NatsBroker publisher = broker();
        List<String> received = new CopyOnWriteArrayList<>();
        subscriber.subscribe("greeted", (topic, message) -> received.add(new String(message.body())), null);
        subscriber.flush();
        publisher.publish("greeted", json("before"));
        await("the message before the restart", () -> received.contains("before"));

        nats.stop();
        await("both brokers to notice", () -> !subscriber.isConnected() && !publisher.isConnected());
        nats.start();
        await("both brokers to reconnect", () -> subscriber.isConnected() && publisher.isConnected());
        subscriber.flush(); // the subscription is re-sent on reconnect

        // A publish right at the reconnect may be lost (NATS core is at-most-once; see the README), so
        // "after" is sent again until it arrives: what this proves is that the subscription came back.
        Await.probe("the message after the restart", Duration.ofSeconds(20), Duration.ofMillis(250), () -> {
            publisher.publish("greeted", json("after"));
            publisher.flush();
            return received.contains("after");
        }, received::toString);
        assertTrue(received.indexOf("before") < received.indexOf("after"));
    }

    @Test
    void aBrokerStartedBeforeNatsConnectsOnceItIsUp() throws Exception {
        nats.stop();
        NatsBroker early = broker();
        List<String> received = new CopyOnWriteArrayList<>();
        early.subscribe("greeted", (topic, message) -> received.add(new String(message.body())), null);
        nats.start();
        await("the broker to connect", early::isConnected);
        early.flush();
        broker().publish("greeted", json("hello"));
        await("the message", () -> received.contains("hello"));
    }
}
