package micro.core.internal.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import micro.api.MicroException;
import micro.api.broker.Broker;
import micro.api.broker.BrokerHandler;
import micro.api.broker.Subscription;
import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.Service;
import micro.api.transport.Message;
import micro.api.transport.Transport;
import micro.core.internal.listener.RegisterTimings;
import micro.core.internal.listener.RegisteredListener;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default broker, as go-micro's http broker: a process that subscribes listens on the transport
 * and registers itself as service {@code topic:<topic>}, one version per queue group
 * ({@code broadcast} for none); a publisher sends to every node of the broadcast version and to one
 * node of each queue version. Works across processes through a shared registry; ranks lowest.
 */
@Component(service = Broker.class, configurationPid = HttpBroker.PID,
        property = { Broker.PROPERTY + "=http", "service.ranking:Integer=-100" })
@Designate(ocd = HttpBroker.Config.class)
public final class HttpBroker implements Broker {

    static final String PID = "micro.broker.http";
    private static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofMillis(5000);
    private static final Logger LOG = LoggerFactory.getLogger(HttpBroker.class);
    static final String BROADCAST = "broadcast";
    static final String QUEUE_HEADER = "Micro-Queue";

    @ObjectClassDefinition(name = "micro http broker", description = "Pub/sub over the transport and the registry.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "host:port subscribers listen on; port 0 picks a free one.")
        String address() default "127.0.0.1:0";

        @AttributeDefinition(name = "Register TTL (s)", description = "How long a subscriber's registration lives without renewal.")
        long register_ttl() default 60;

        @AttributeDefinition(name = "Register interval (s)", description = "How often subscriptions are registered again.")
        long register_interval() default 30;

        @AttributeDefinition(name = "Publish timeout (ms)", description = "Deadline of the delivery to each subscriber node.")
        long publish_timeout_ms() default 5000;
    }

    private final String id = UUID.randomUUID().toString();
    private volatile Duration publishTimeout;
    private final LocalSubscriptions local = new LocalSubscriptions();
    private final RegisteredListener published;
    private volatile RegisterTimings timings;

    @Activate
    public HttpBroker(Config config) {
        this(config.address(), RegisterTimings.of(PID, config.register_ttl(), config.register_interval(),
                RegisterTimings.DEFAULTS), publishTimeout(config, DEFAULT_PUBLISH_TIMEOUT));
    }

    HttpBroker(String address, RegisterTimings timings, Duration publishTimeout) {
        this.publishTimeout = publishTimeout;
        this.timings = timings;
        this.published = new RegisteredListener(settings(address, timings),
                (transport, at) -> transport.listen(at, this::receive), this::describeAll, RegisteredListener.Addresses.NONE);
    }

    /** Applied live: a new address moves the subscribers' listener, TTL and interval apply at once. */
    @Modified
    void modified(Config config) {
        publishTimeout = publishTimeout(config, publishTimeout);
        timings = RegisterTimings.of(PID, config.register_ttl(), config.register_interval(), timings);
        published.reconfigure(settings(config.address(), timings));
    }

    private static RegisteredListener.Settings settings(String address, RegisterTimings timings) {
        return new RegisteredListener.Settings("http broker", address, "", timings.ttl(), timings.interval());
    }

    private static Duration publishTimeout(Config config, Duration last) {
        if (config.publish_timeout_ms() <= 0) {
            LOG.error("{} publish.timeout.ms = '{}' refused: expected a positive number of milliseconds; keeping {}", PID,
                    config.publish_timeout_ms(), last.toMillis());
            return last;
        }
        return Duration.ofMillis(config.publish_timeout_ms());
    }

    // Optional, dynamic + greedy: subscriptions follow a better transport or registry without restart.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setTransport(Transport transport) {
        published.setTransport(transport);
    }

    void unsetTransport(Transport transport) {
        published.unsetTransport(transport);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setRegistry(Registry registry) {
        published.setRegistry(registry);
    }

    void unsetRegistry(Registry registry) {
        published.unsetRegistry(registry);
    }

    @Deactivate
    public void close() {
        published.close();
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Subscription subscribe(String topic, BrokerHandler handler, String queue) {
        if (topic == null || topic.isBlank()) {
            throw MicroException.badRequest("micro.broker.http", "a subscription needs a topic");
        }
        String group = queue == null || queue.isBlank() ? null : queue;
        LocalSubscriptions.Entry entry = new LocalSubscriptions.Entry(topic, group, handler);
        local.add(entry);
        published.listen(); // the first subscription opens the listener
        published.register(at -> local.has(topic, group) ? describe(entry, at) : null);
        return Subscription.of(topic, group, () -> {
            if (local.remove(entry)) {
                published.deregister(at -> local.has(topic, group) ? null : describe(entry, at));
            }
        });
    }

    /** Takes no lock and waits for no registration: the registry and transport bound right now. */
    @Override
    public void publish(String topic, Message message) {
        RegisteredListener.Published at = published.published();
        Registry current = at.registry();
        Transport carrier = at.transport();
        if (current == null || carrier == null) {
            throw MicroException.unavailable("micro.broker.http", "cannot publish on " + topic
                    + ": the http broker needs a registry and a transport");
        }
        List<CompletableFuture<Message>> deliveries = new ArrayList<>();
        for (Service group : current.getService(serviceName(topic))) {
            if (group.nodes().isEmpty()) {
                continue;
            }
            boolean broadcast = BROADCAST.equals(group.version());
            List<Node> targets = broadcast ? group.nodes()
                    : List.of(group.nodes().get(ThreadLocalRandom.current().nextInt(group.nodes().size())));
            for (Node node : targets) {
                Map<String, String> headers = new HashMap<>(message.headers());
                headers.put(TOPIC_HEADER, topic);
                headers.put(Message.SERVICE, serviceName(topic));
                headers.put(Message.ENDPOINT, "Broker.Publish");
                if (!broadcast) {
                    headers.put(QUEUE_HEADER, group.version());
                }
                deliveries.add(carrier.call(node.address(), new Message(headers, message.body()), publishTimeout)
                        .whenComplete((reply, error) -> {
                            if (error != null) {
                                LOG.warn("cannot deliver a message on {} to {}: {}", topic, node.address(), error.getMessage());
                            }
                        }));
            }
        }
        // Wait for the deliveries, so a publisher knows its message reached the subscribers that were there.
        CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (!deliveries.isEmpty() && deliveries.stream().allMatch(CompletableFuture::isCompletedExceptionally)) {
            throw new MicroException("micro.broker.http", 502, "no subscriber of " + topic + " could be reached");
        }
    }

    /** Receives deliveries from publishers: the topic and queue travel as headers. */
    private Message receive(Message message) {
        String topic = message.header(TOPIC_HEADER);
        if (topic == null) {
            throw MicroException.badRequest("micro.broker.http", "a delivery needs a " + TOPIC_HEADER + " header");
        }
        local.deliver(topic, message.header(QUEUE_HEADER), message);
        return new Message(Map.of(Message.CONTENT_TYPE, "application/json"), new byte[] { '{', '}' });
    }

    private List<Service> describeAll(RegisteredListener.Published at) {
        return local.groups().stream().map(group -> describe(group, at)).toList();
    }

    private Service describe(LocalSubscriptions.Entry group, RegisteredListener.Published at) {
        String version = group.queue() == null ? BROADCAST : group.queue();
        Map<String, String> metadata = new HashMap<>();
        metadata.put(Node.TRANSPORT, at.transport() == null ? "" : at.transport().name());
        metadata.put("broker", "http");
        metadata.put("topic", group.topic());
        Node node = new Node("broker-" + id + "-" + version, at.address(), metadata);
        return new Service(serviceName(group.topic()), version, Map.of(), List.of(), List.of(node));
    }

    static String serviceName(String topic) {
        return "topic:" + topic;
    }
}
