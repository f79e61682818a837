package micro.core.internal.broker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import micro.api.broker.Broker;
import micro.api.broker.Subscription;
import micro.api.codec.Codec;
import micro.api.server.ServerProperties;
import micro.api.wrapper.SubscriberWrapper;
import micro.core.internal.codec.Codecs;
import micro.core.internal.wrapper.RankedWrappers;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes every OSGi service that has the {@code micro.subscribe} property to its topic on the best
 * broker, and moves the subscriptions when a better broker appears.
 */
@Component(immediate = true, service = {})
public final class SubscriberWhiteboard {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberWhiteboard.class);

    private record Subscriber(String topic, String queue, SubscriberMethods methods) {
    }

    private final Codecs codecs = new Codecs();
    private final RankedWrappers<SubscriberWrapper> wrappers = new RankedWrappers<>();
    private final Map<Subscriber, Subscription> active = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private Broker broker;
    private ServiceTracker<Object, Subscriber> tracker;

    @Activate
    void activate(BundleContext context) throws InvalidSyntaxException {
        tracker = new ServiceTracker<>(context, context.createFilter("(" + ServerProperties.SUBSCRIBE + "=*)"), null) {
            @Override
            public Subscriber addingService(ServiceReference<Object> reference) {
                Object service = context.getService(reference);
                if (service == null) {
                    return null;
                }
                Object queue = reference.getProperty(ServerProperties.QUEUE);
                Subscriber subscriber = new Subscriber(String.valueOf(reference.getProperty(ServerProperties.SUBSCRIBE)),
                        queue == null ? null : queue.toString(), new SubscriberMethods(service, codecs, wrappers));
                if (!subscriber.methods().hasMethods()) {
                    LOG.warn("{} subscribes to {} but has no public one-parameter method", service.getClass().getName(),
                            subscriber.topic());
                }
                synchronized (lock) {
                    subscribe(subscriber);
                }
                return subscriber;
            }

            @Override
            public void removedService(ServiceReference<Object> reference, Subscriber subscriber) {
                synchronized (lock) {
                    Subscription subscription = active.remove(subscriber);
                    if (subscription != null) {
                        subscription.close();
                    }
                }
                context.ungetService(reference);
            }
        };
        tracker.open(true);
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    // Optional, dynamic + greedy: subscriptions move to a better broker as soon as it appears.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setBroker(Broker newBroker) {
        synchronized (lock) {
            Map<Subscriber, Subscription> old = Map.copyOf(active);
            broker = newBroker;
            for (Subscriber subscriber : old.keySet()) {
                subscribe(subscriber);
            }
            old.values().forEach(Subscription::close);
        }
    }

    void unsetBroker(Broker oldBroker) {
        synchronized (lock) {
            if (broker == oldBroker) {
                active.values().forEach(Subscription::close);
                broker = null;
                // keep the subscribers known: they subscribe again when a broker returns
                active.replaceAll((subscriber, subscription) -> NONE);
            }
        }
    }

    // Subscriber wrappers join and leave the chain of the deliveries that start afterwards.
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeSubscriberWrapper", updated = "updatedSubscriberWrapper")
    void addSubscriberWrapper(SubscriberWrapper wrapper, Map<String, Object> properties) {
        wrappers.add(wrapper, properties);
    }

    void updatedSubscriberWrapper(SubscriberWrapper wrapper, Map<String, Object> properties) {
        wrappers.add(wrapper, properties);
    }

    void removeSubscriberWrapper(SubscriberWrapper wrapper) {
        wrappers.remove(wrapper);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCodec(Codec codec) {
        codecs.add(codec);
    }

    void removeCodec(Codec codec) {
        codecs.remove(codec);
    }

    private void subscribe(Subscriber subscriber) {
        if (broker == null) {
            active.put(subscriber, NONE);
            return;
        }
        try {
            active.put(subscriber, broker.subscribe(subscriber.topic(), subscriber.methods(), subscriber.queue()));
            LOG.info("subscribed to {}{} on broker {}", subscriber.topic(),
                    subscriber.queue() == null ? "" : " (queue " + subscriber.queue() + ")", broker.name());
        } catch (RuntimeException e) {
            active.put(subscriber, NONE);
            LOG.warn("cannot subscribe to {} on broker {}: {}", subscriber.topic(), broker.name(), e.getMessage());
        }
    }

    /** Stands for "no subscription right now" in the map of known subscribers. */
    private static final Subscription NONE = Subscription.of("", null, () -> {
    });
}
