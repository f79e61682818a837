package micro.core.internal.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import micro.api.broker.BrokerHandler;
import micro.api.transport.Message;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of this process, by topic. A broadcast message reaches every subscription
 * without a queue; a message for a queue group reaches one of the group's subscriptions here. A
 * handler that throws is logged and the others still get the message.
 */
final class LocalSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSubscriptions.class);

    record Entry(String topic, String queue, BrokerHandler handler) {
    }

    private final Map<String, List<Entry>> byTopic = new ConcurrentHashMap<>();

    void add(Entry entry) {
        byTopic.computeIfAbsent(entry.topic(), t -> new CopyOnWriteArrayList<>()).add(entry);
    }

    /** Removes a subscription; true when it was the last of its topic and queue here. */
    boolean remove(Entry entry) {
        List<Entry> entries = byTopic.getOrDefault(entry.topic(), List.of());
        entries.remove(entry);
        return entries.stream().noneMatch(e -> Objects.equals(e.queue(), entry.queue()));
    }

    /** Whether a subscription of {@code topic} in {@code queue} (null: broadcast) is here. */
    boolean has(String topic, String queue) {
        return byTopic.getOrDefault(topic, List.of()).stream().anyMatch(e -> Objects.equals(e.queue(), queue));
    }

    /** Delivers to the broadcast subscribers ({@code queue} null) or to one member of {@code queue}. */
    int deliver(String topic, String queue, Message message) {
        List<Entry> candidates = new ArrayList<>();
        for (Entry entry : byTopic.getOrDefault(topic, List.of())) {
            if (Objects.equals(entry.queue(), queue)) {
                candidates.add(entry);
            }
        }
        if (queue != null && candidates.size() > 1) {
            candidates = List.of(candidates.get(ThreadLocalRandom.current().nextInt(candidates.size())));
        }
        for (Entry entry : candidates) {
            try {
                entry.handler().onMessage(topic, message);
            } catch (RuntimeException e) {
                LOG.warn("subscriber of {} failed: {}", topic, e.getMessage(), e);
            }
        }
        return candidates.size();
    }

    /** Every topic and queue (null for broadcast) with at least one subscription. */
    List<Entry> groups() {
        List<Entry> groups = new ArrayList<>();
        byTopic.forEach((topic, entries) -> entries.stream().map(Entry::queue).distinct()
                .forEach(queue -> groups.add(new Entry(topic, queue, null))));
        return groups;
    }
}
