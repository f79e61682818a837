package micro.core.internal.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.metadata.Metadata;
import micro.api.transport.Message;
import micro.api.wrapper.SubscriberWrapper;
import micro.core.internal.codec.Codecs;
import micro.core.internal.codec.JsonCodec;
import micro.core.internal.wrapper.RankedWrappers;

import org.junit.jupiter.api.Test;

class SubscriberMethodsTest {

    public record Greeted(String name) {
    }

    public static final class Recorder {
        final List<String> names = new CopyOnWriteArrayList<>();

        public void on(Greeted event) {
            if ("boom".equals(event.name())) {
                throw new IllegalStateException("boom");
            }
            names.add(event.name());
        }
    }

    private static Message json(String text) {
        return new Message(Map.of(Message.CONTENT_TYPE, "application/json"), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesIntoTheMethodsTypeAndSkipsWhatDoesNotDecodeOrThrows() {
        Codecs codecs = new Codecs();
        codecs.add(new JsonCodec());
        Recorder recorder = new Recorder();
        SubscriberMethods methods = new SubscriberMethods(recorder, codecs);

        methods.onMessage("greeted", json("{\"name\":\"John\"}"));
        methods.onMessage("greeted", json("{\"name\": oops"));
        methods.onMessage("greeted", json("{\"name\":\"boom\"}"));
        methods.onMessage("greeted", new Message(Map.of(Message.CONTENT_TYPE, "text/csv"), "x".getBytes()));
        methods.onMessage("greeted", json("{\"name\":\"Ann\"}"));

        assertEquals(List.of("John", "Ann"), recorder.names);
    }

    public static final class MetadataRecorder {
        final List<String> traces = new CopyOnWriteArrayList<>();

        public void on(Greeted event) {
            traces.add(Metadata.current().get("X-Micro-Trace") + " from " + Metadata.current().get(Metadata.FROM_SERVICE));
        }
    }

    @Test
    void aSubscriberReadsTheMetadataOfTheMessageItIsGiven() {
        Codecs codecs = new Codecs();
        codecs.add(new JsonCodec());
        MetadataRecorder recorder = new MetadataRecorder();
        new SubscriberMethods(recorder, codecs).onMessage("greeted", new Message(Map.of(Message.CONTENT_TYPE, "application/json",
                "X-Micro-Trace", "t-9", Metadata.FROM_SERVICE, "micro.srv.greeter"), "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("t-9 from micro.srv.greeter"), recorder.traces);
        assertEquals(Map.of(), Metadata.current().values(), "unbound after the delivery");
    }

    @Test
    void subscriberWrappersRunInRankingOrderAndMayDropAMessage() {
        Codecs codecs = new Codecs();
        codecs.add(new JsonCodec());
        List<String> log = new CopyOnWriteArrayList<>();
        RankedWrappers<SubscriberWrapper> wrappers = new RankedWrappers<>();
        wrappers.add((delivery, next) -> {
            log.add("logging " + delivery.topic());
            next.proceed(delivery.message());
        }, Map.of("service.ranking", 10, "service.id", 1L));
        wrappers.add((delivery, next) -> {
            if (delivery.message().header("X-Micro-Drop") == null) {
                next.proceed(delivery.message());
            }
        }, Map.of("service.ranking", 5, "service.id", 2L));
        Recorder recorder = new Recorder();
        SubscriberMethods methods = new SubscriberMethods(recorder, codecs, wrappers);

        methods.onMessage("greeted", json("{\"name\":\"John\"}"));
        methods.onMessage("greeted", new Message(Map.of(Message.CONTENT_TYPE, "application/json", "X-Micro-Drop", "1"),
                "{\"name\":\"Dropped\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("John"), recorder.names);
        assertEquals(List.of("logging greeted", "logging greeted"), log, "the outer wrapper saw both");
    }
}
