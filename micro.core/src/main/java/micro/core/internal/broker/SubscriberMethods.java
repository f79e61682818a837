package micro.core.internal.broker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import micro.api.MicroException;
import micro.api.broker.BrokerHandler;
import micro.api.codec.Codec;
import micro.api.metadata.Metadata;
import micro.api.transport.Message;
import micro.api.wrapper.SubscriberWrapper;
import micro.core.internal.codec.Codecs;
import micro.core.internal.wrapper.RankedWrappers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a topic's messages to a subscriber object: every public one-parameter method gets each
 * message decoded into its parameter type. A message that does not decode, or a method that throws,
 * is logged with the topic and the reason; the next message is delivered as usual.
 */
final class SubscriberMethods implements BrokerHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberMethods.class);

    private final Object subscriber;
    private final List<Method> methods = new ArrayList<>();
    private final Codecs codecs;
    private final RankedWrappers<SubscriberWrapper> wrappers;

    SubscriberMethods(Object subscriber, Codecs codecs) {
        this(subscriber, codecs, new RankedWrappers<>());
    }

    SubscriberMethods(Object subscriber, Codecs codecs, RankedWrappers<SubscriberWrapper> wrappers) {
        this.subscriber = subscriber;
        this.codecs = codecs;
        this.wrappers = wrappers;
        for (Method method : subscriber.getClass().getMethods()) {
            if (method.getDeclaringClass() != Object.class && method.getParameterCount() == 1
                    && !Modifier.isStatic(method.getModifiers()) && !method.isBridge() && !method.isSynthetic()) {
                method.setAccessible(true);
                methods.add(method);
            }
        }
    }

    boolean hasMethods() {
        return !methods.isEmpty();
    }

    @Override
    public void onMessage(String topic, Message message) {
        List<SubscriberWrapper> chain = wrappers.snapshot();
        if (chain.isEmpty()) {
            decodeAndDeliver(topic, message);
            return;
        }
        SubscriberWrapper.Delivery delivery = new SubscriberWrapper.Delivery(topic, subscriber.getClass().getName(), message);
        SubscriberWrapper.Next next = delivered -> decodeAndDeliver(topic, delivered);
        for (int i = chain.size() - 1; i >= 0; i--) {
            SubscriberWrapper wrapper = chain.get(i);
            SubscriberWrapper.Next inner = next;
            next = delivered -> wrapper.deliver(delivery, inner);
        }
        try {
            next.proceed(message);
        } catch (RuntimeException e) {
            LOG.warn("a subscriber wrapper failed on a message on {} for {}: {}", topic, subscriber.getClass().getSimpleName(),
                    e.getMessage(), e);
        }
    }

    private void decodeAndDeliver(String topic, Message message) {
        Codec codec;
        try {
            codec = codecs.get(message.header(Message.CONTENT_TYPE));
        } catch (MicroException e) {
            LOG.warn("dropping a message on {} for {}: {}", topic, subscriber.getClass().getSimpleName(), e.detail());
            return;
        }
        // The message's metadata are the subscriber's, as a served call's are its handler's.
        try (Metadata.Scope bound = Metadata.ofRequest(message.headers(), null).bind()) {
            deliver(topic, message, codec);
        }
    }

    private void deliver(String topic, Message message, Codec codec) {
        for (Method method : methods) {
            Object decoded;
            try {
                decoded = codec.decode(message.body(), method.getGenericParameterTypes()[0]);
            } catch (MicroException e) {
                LOG.warn("a message on {} does not decode into {} of {}: {}", topic,
                        method.getParameterTypes()[0].getSimpleName(), subscriber.getClass().getSimpleName(), e.detail());
                continue;
            }
            try {
                method.invoke(subscriber, decoded);
            } catch (InvocationTargetException e) {
                LOG.warn("subscriber {}.{} failed on a message on {}: {}", subscriber.getClass().getSimpleName(),
                        method.getName(), topic, e.getCause().getMessage(), e.getCause());
            } catch (IllegalAccessException e) {
                LOG.warn("cannot call {}.{}: {}", subscriber.getClass().getSimpleName(), method.getName(), e.getMessage());
            }
        }
    }
}
