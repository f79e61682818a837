package micro.broker.nats.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;

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
 * The NATS broker: topics are NATS subjects, queue groups NATS queue groups, message headers NATS
 * headers. The connection reconnects forever, also when NATS is not up yet at start, and keeps its
 * subscriptions across reconnects; messages published meanwhile wait in jnats's reconnect buffer.
 * Started only when configured (PID {@code micro.broker.nats}); ranks above the http broker.
 */
@Component(service = Broker.class, configurationPid = "micro.broker.nats",
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = Broker.PROPERTY + "=nats")
@Designate(ocd = NatsBroker.Config.class)
public final class NatsBroker implements Broker {

    private static final Logger LOG = LoggerFactory.getLogger(NatsBroker.class);

    @ObjectClassDefinition(name = "micro NATS broker", description = "Pub/sub through NATS.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "Comma-separated NATS servers, host:port or nats:// URLs.")
        String address() default "127.0.0.1:4222";

        @AttributeDefinition(name = "TLS", description = "Use tls:// for servers given without a scheme.")
        boolean tls() default false;

        @AttributeDefinition(name = "User", description = "NATS user; empty for none.")
        String username() default "";

        @AttributeDefinition(name = "Password", description = "Password of the NATS user.", type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(name = "Credentials file", description = "NATS .creds file (JWT + NKey); empty for none.")
        String credentials() default "";

        @AttributeDefinition(name = "Reconnect wait (ms)", description = "Pause between reconnect attempts.")
        long reconnect_wait_ms() default 500;

        @AttributeDefinition(name = "Ranking", description = "service.ranking; above the http broker's -100.")
        int service_ranking() default 100;
    }

    private final Options options;
    private final List<Runnable> pending = new ArrayList<>();
    private final Thread connector;
    private volatile Connection connection;

    @Activate
    public NatsBroker(Config config) {
        this(options(config));
    }

    /**
     * Connects on a thread of its own, retrying until NATS is up, so that activation never waits for
     * the network; subscriptions made before are applied once connected.
     */
    NatsBroker(Options options) {
        this.options = options;
        this.connector = new Thread(this::connect, "micro-nats-connect");
        this.connector.setDaemon(true);
        this.connector.start();
        LOG.info("NATS broker for {}", options.getServers());
    }

    private void connect() {
        try {
            Connection connected = Nats.connectReconnectOnConnect(options);
            synchronized (pending) {
                connection = connected;
                pending.forEach(Runnable::run);
                pending.clear();
            }
        } catch (IOException e) {
            LOG.error("cannot connect to NATS at {}: {}", options.getServers(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A pause of 0 or less would reconnect in a busy loop: refused with one log line, the default stays. */
    private static long reconnectWait(long millis) {
        if (millis > 0) {
            return millis;
        }
        LOG.error("micro.broker.nats reconnect.wait.ms = '{}' refused: expected a positive number of milliseconds; keeping 500",
                millis);
        return 500;
    }

    static Options options(Config config) {
        List<String> servers = new ArrayList<>();
        for (String address : config.address().split(",")) {
            String trimmed = address.trim();
            if (!trimmed.isEmpty()) {
                servers.add(trimmed.contains("://") ? trimmed : (config.tls() ? "tls://" : "nats://") + trimmed);
            }
        }
        Options.Builder builder = new Options.Builder().servers(servers.toArray(String[]::new))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(reconnectWait(config.reconnect_wait_ms())))
                .connectionListener(new Log());
        if (!config.username().isEmpty()) {
            builder.userInfo(config.username(), config.password());
        }
        if (!config.credentials().isEmpty()) {
            builder.authHandler(Nats.credentials(config.credentials()));
        }
        return builder.build();
    }

    @Deactivate
    public void close() throws InterruptedException {
        connector.interrupt();
        Connection open = connection;
        if (open != null) {
            open.close();
        }
    }

    @Override
    public String name() {
        return "nats";
    }

    @Override
    public void publish(String topic, Message message) {
        Headers headers = new Headers();
        message.headers().forEach(headers::put);
        headers.put(TOPIC_HEADER, topic);
        Connection open = connection;
        if (open == null) {
            throw MicroException.unavailable("micro.broker.nats", "not connected to NATS at " + options.getServers()
                    + " yet; cannot publish on " + topic);
        }
        try {
            open.publish(topic, headers, message.body());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new MicroException("micro.broker.nats", e instanceof IllegalArgumentException ? 400 : 503,
                    "cannot publish on " + topic + ": " + e.getMessage());
        }
    }

    @Override
    public Subscription subscribe(String topic, BrokerHandler handler, String queue) {
        String group = queue == null || queue.isBlank() ? null : queue;
        Dispatcher[] dispatcher = new Dispatcher[1];
        Runnable open = () -> dispatcher[0] = dispatch(topic, handler, group);
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
                if (dispatcher[0] != null) {
                    connection.closeDispatcher(dispatcher[0]);
                }
            }
        });
    }

    private Dispatcher dispatch(String topic, BrokerHandler handler, String group) {
        Dispatcher dispatcher = connection.createDispatcher(received -> {
            Map<String, String> headers = new HashMap<>();
            if (received.getHeaders() != null) {
                for (String name : received.getHeaders().keySet()) {
                    headers.put(name, received.getHeaders().getFirst(name));
                }
            }
            try {
                handler.onMessage(topic, new Message(headers, received.getData()));
            } catch (RuntimeException e) {
                LOG.warn("subscriber of {} failed: {}", topic, e.getMessage(), e);
            }
        });
        if (group == null) {
            dispatcher.subscribe(topic);
        } else {
            dispatcher.subscribe(topic, group);
        }
        return dispatcher;
    }

    /** Waits until the messages published so far reached the server; for tests. */
    void flush() throws Exception {
        connection.flush(Duration.ofSeconds(10));
    }

    boolean isConnected() {
        Connection open = connection;
        return open != null && open.getStatus() == Connection.Status.CONNECTED;
    }

    /** One line per connection change: lost, reconnected, closed. */
    private static final class Log implements ConnectionListener {
        @Override
        public void connectionEvent(Connection connection, Events event) {
            switch (event) {
                case DISCONNECTED -> LOG.warn("NATS connection lost; reconnecting");
                case RECONNECTED, CONNECTED -> LOG.info("NATS connected to {}", connection.getConnectedUrl());
                default -> LOG.debug("NATS {}", event);
            }
        }
    }
}
