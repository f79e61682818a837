package micro.broker.rabbitmq.internal;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;

import micro.api.broker.BrokerHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription: a channel of its own with a queue bound to the topic and a consumer on it. A
 * delivery is acknowledged once the handler returned (or failed: a message its handler cannot take
 * would otherwise come back forever), and at most {@code prefetch} wait unacknowledged, so a slow
 * subscriber holds RabbitMQ's messages back instead of filling this JVM.
 */
final class RabbitSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitSubscriber.class);

    private final RabbitSettings settings;
    private final String topic;
    private final String group;
    private final BrokerHandler handler;
    private Channel channel;
    private boolean closed;

    RabbitSubscriber(RabbitSettings settings, String topic, String group, BrokerHandler handler) {
        this.settings = settings;
        this.topic = topic;
        this.group = group;
        this.handler = handler;
    }

    synchronized void open(Connection connection) {
        if (closed) {
            return;
        }
        try {
            channel = connection.createChannel();
            channel.basicQos(settings.prefetch());
            channel.exchangeDeclare(settings.exchange(), "topic", settings.durable());
            String queue = group == null ? channel.queueDeclare().getQueue() // server-named, exclusive, auto-delete
                    : channel.queueDeclare(RabbitSettings.queueName(topic, group), settings.durable(), false, !settings.durable(),
                            null).getQueue();
            channel.queueBind(queue, settings.exchange(), topic);
            channel.basicConsume(queue, false, new Deliveries(channel));
        } catch (IOException | ShutdownSignalException e) {
            LOG.error("cannot subscribe to {}{} on RabbitMQ: {}", topic, group == null ? "" : " (queue group " + group + ")",
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
    }

    synchronized void close() {
        closed = true;
        if (channel != null && channel.isOpen()) {
            try {
                channel.close(); // cancels the consumer; a lone subscriber's queue goes with it
            } catch (IOException | TimeoutException | ShutdownSignalException e) {
                LOG.debug("closing the channel of {}: {}", topic, e.toString());
            }
        }
    }

    private final class Deliveries extends DefaultConsumer {

        Deliveries(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
            try {
                handler.onMessage(topic, RabbitMessages.message(properties, body));
            } catch (RuntimeException e) {
                LOG.warn("subscriber of {} failed: {}", topic, e.getMessage(), e);
            }
            getChannel().basicAck(envelope.getDeliveryTag(), false);
        }
    }
}
