package micro.broker.rabbitmq.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;

import micro.api.MicroException;
import micro.api.broker.Broker;
import micro.api.broker.BrokerHandler;
import micro.api.broker.Subscription;
import micro.api.transport.Message;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RabbitMQ broker, as go-plugins' was: every topic is a routing key of one topic exchange; a
 * subscriber gets a queue of its own bound to its topic, and the members of a queue group share one
 * queue, so each message goes to one of them. The client's automatic recovery reconnects and
 * re-declares the exchange, queues, bindings and consumers after a broker restart; the first
 * connection is retried in the background, so the broker may start after us. While RabbitMQ is
 * down, a publish is a 503 naming it.
 *
 * <p>Delivery is at most once unless {@code durable}: then the exchange and the group queues are
 * durable, messages persistent and every publish waits for RabbitMQ's confirm, so a message whose
 * publish returned is on disk and reaches a group after a broker restart (a subscriber's own queue
 * lives only as long as its connection either way).
 */
@Component(service = Broker.class, configurationPid = RabbitBroker.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Broker.PROPERTY + "=rabbitmq")
@Designate(ocd = RabbitBroker.Config.class)
public final class RabbitBroker implements Broker {

    static final String PID = "micro.broker.rabbitmq";
    private static final Logger LOG = LoggerFactory.getLogger(RabbitBroker.class);

    @ObjectClassDefinition(name = "micro RabbitMQ broker", description = "Pub/sub through a RabbitMQ topic exchange.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "Comma-separated RabbitMQ nodes, host:port or amqp:// "
                + "(amqps://) URLs; a URL may carry user, password and virtual host.")
        String address() default "127.0.0.1:5672";

        @AttributeDefinition(name = "Exchange", description = "The topic exchange messages are published to.")
        String exchange() default "micro";

        @AttributeDefinition(name = "Durable", description = "Durable exchange and group queues, persistent messages "
                + "and publisher confirms: what was published survives a RabbitMQ restart. Off: at most once.")
        boolean durable() default false;

        @AttributeDefinition(name = "User", description = "RabbitMQ user, unless the address URL names one.")
        String username() default "guest";

        @AttributeDefinition(name = "Password", description = "Password of the user.", type = AttributeType.PASSWORD)
        String password() default "guest";

        @AttributeDefinition(name = "Virtual host", description = "RabbitMQ virtual host, unless the address URL names one.")
        String virtual_host() default "/";

        @AttributeDefinition(name = "TLS", description = "Connect with TLS (amqps) to nodes given as host:port.")
        boolean tls() default false;

        @AttributeDefinition(name = "Reconnect wait (ms)", description = "Pause between reconnect attempts.", min = "1")
        long reconnect_wait_ms() default 1000;

        @AttributeDefinition(name = "Prefetch", description = "Deliveries a subscriber holds unacknowledged at most: "
                + "the bound of what waits in memory for a slow subscriber.", min = "1")
        int prefetch() default 256;

        @AttributeDefinition(name = "Ranking", description = "service.ranking; above the http broker's -100.")
        int service_ranking() default 100;
    }

    private final RabbitSettings settings;
    private final ConnectionFactory factory;
    private final List<Runnable> pending = new ArrayList<>();
    private final Object publishing = new Object();
    private final Thread connector;
    private volatile Connection connection;
    private Channel publisher; // guarded by publishing: a channel is not safe for concurrent publishes
    private volatile boolean closed;
    /** Open until the first connection attempt ended: a publish made at start waits for it, not the later ones. */
    private final java.util.concurrent.CountDownLatch firstAttempt = new java.util.concurrent.CountDownLatch(1);

    @Activate
    public RabbitBroker(Config config) {
        this(RabbitSettings.of(config));
    }

    RabbitBroker(RabbitSettings settings) {
        this.settings = settings;
        this.factory = settings.factory();
        this.connector = new Thread(this::connect, "micro-rabbitmq-connect");
        this.connector.setDaemon(true);
        this.connector.start();
        LOG.info("RabbitMQ broker for {}, exchange {}{}", settings.where(), settings.exchange(),
                settings.durable() ? " (durable)" : "");
    }

    /** Tries until RabbitMQ answers; from then on the client's automatic recovery keeps the connection. */
    private void connect() {
        while (!closed) {
            try {
                Connection opened = factory.newConnection(settings.addresses(), "micro");
                synchronized (pending) {
                    connection = opened;
                    pending.forEach(Runnable::run);
                    pending.clear();
                }
                LOG.info("RabbitMQ connected to {}", opened.getAddress());
                firstAttempt.countDown();
                return;
            } catch (IOException | TimeoutException e) {
                firstAttempt.countDown();
                LOG.warn("cannot connect to RabbitMQ at {}: {}; retrying", settings.where(), String.valueOf(e.getMessage()));
                try {
                    Thread.sleep(settings.reconnectWaitMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Deactivate
    public void close() {
        closed = true;
        connector.interrupt();
        Connection open = connection;
        if (open != null) {
            try {
                open.close(5_000);
            } catch (IOException | ShutdownSignalException e) {
                LOG.debug("RabbitMQ connection closed with {}", e.toString());
            }
        }
    }

    @Override
    public String name() {
        return "rabbitmq";
    }

    @Override
    public void publish(String topic, Message message) {
        awaitFirstAttempt();
        Connection open = connection;
        if (open == null) {
            throw MicroException.unavailable("micro.broker.rabbitmq", "not connected to RabbitMQ at " + settings.where()
                    + " yet; cannot publish on " + topic);
        }
        AMQP.BasicProperties properties = RabbitMessages.properties(topic, message, settings.durable());
        synchronized (publishing) {
            try {
                Channel channel = publisher(open);
                channel.basicPublish(settings.exchange(), topic, properties, message.body());
                if (settings.durable()) {
                    channel.waitForConfirmsOrDie(settings.confirmTimeoutMillis());
                }
            } catch (IOException | ShutdownSignalException | TimeoutException e) {
                publisher = null; // a broken channel is not used again: the next publish opens another
                throw MicroException.unavailable("micro.broker.rabbitmq", "cannot publish on " + topic + " to RabbitMQ at "
                        + settings.where() + ": " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MicroException.unavailable("micro.broker.rabbitmq", "interrupted while publishing on " + topic);
            }
        }
    }

    /** A message published as the broker starts (a one-shot {@code micro.jar publish}) waits for the first connection. */
    private void awaitFirstAttempt() {
        try {
            firstAttempt.await(FIRST_ATTEMPT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final long FIRST_ATTEMPT_MILLIS = 6_000;

    private Channel publisher(Connection open) throws IOException {
        if (publisher == null || !publisher.isOpen()) {
            Channel channel = open.createChannel();
            // On the channel that uses it: recovery declares it again there after a restart.
            channel.exchangeDeclare(settings.exchange(), "topic", settings.durable());
            if (settings.durable()) {
                channel.confirmSelect();
            }
            publisher = channel;
        }
        return publisher;
    }

    private static String describe(Exception e) {
        if (e instanceof ShutdownSignalException) {
            return "the connection is down (reconnecting)";
        }
        return e instanceof TimeoutException ? "no confirm in time" : String.valueOf(e.getMessage());
    }

    @Override
    public Subscription subscribe(String topic, BrokerHandler handler, String queue) {
        String group = queue == null || queue.isBlank() ? null : queue;
        RabbitSubscriber subscriber = new RabbitSubscriber(settings, topic, group, handler);
        Runnable open = () -> subscriber.open(connection);
        synchronized (pending) {
            if (connection == null) {
                pending.add(open);
            } else {
                open.run();
            }
        }
        return Subscription.of(topic, group, () -> {
            synchronized (pending) {
                pending.remove(open);
            }
            subscriber.close();
        });
    }

    boolean isConnected() {
        Connection open = connection;
        return open != null && open.isOpen();
    }
}
