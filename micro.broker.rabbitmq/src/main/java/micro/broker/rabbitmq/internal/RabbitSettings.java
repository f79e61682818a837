package micro.broker.rabbitmq.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ConnectionFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How to reach RabbitMQ: its nodes (tried in order), credentials, virtual host, TLS, and how the
 * broker uses them. A value that cannot work is refused with one log line and the default stays, as
 * the other plugins do, so a typo in a config file never takes pub/sub away.
 */
record RabbitSettings(List<Address> addresses, String username, String password, String virtualHost, boolean tls,
        String exchange, boolean durable, long reconnectWaitMillis, int prefetch) {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitSettings.class);
    private static final int AMQP_PORT = 5672;
    private static final int AMQPS_PORT = 5671;

    static RabbitSettings of(RabbitBroker.Config config) {
        String username = config.username();
        String password = config.password();
        String virtualHost = config.virtual_host().isBlank() ? "/" : config.virtual_host();
        boolean tls = config.tls();
        List<Address> addresses = new ArrayList<>();
        for (String entry : config.address().split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.contains("://")) {
                addresses.add(Address.parseAddress(trimmed.contains(":") ? trimmed : trimmed + ":" + (tls ? AMQPS_PORT : AMQP_PORT)));
                continue;
            }
            try {
                URI uri = new URI(trimmed);
                boolean secure = "amqps".equalsIgnoreCase(uri.getScheme());
                if (!secure && !"amqp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    throw new URISyntaxException(trimmed, "expected amqp://host:port or amqps://host:port");
                }
                tls |= secure;
                addresses.add(new Address(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : secure ? AMQPS_PORT : AMQP_PORT));
                if (uri.getRawUserInfo() != null) {
                    String[] user = uri.getRawUserInfo().split(":", 2);
                    username = decode(user[0]);
                    password = user.length > 1 ? decode(user[1]) : "";
                }
                if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
                    virtualHost = decode(uri.getRawPath().substring(1));
                }
            } catch (URISyntaxException e) {
                LOG.error("{} address entry '{}' refused: {}", RabbitBroker.PID, trimmed, e.getMessage());
            }
        }
        if (addresses.isEmpty()) {
            LOG.error("{} address = '{}' refused: expected host:port or amqp:// URLs; keeping 127.0.0.1:5672", RabbitBroker.PID,
                    config.address());
            addresses.add(new Address("127.0.0.1", AMQP_PORT));
        }
        String exchange = config.exchange();
        if (exchange == null || exchange.isBlank()) {
            LOG.error("{} exchange = '' refused: the default exchange cannot route topics; keeping micro", RabbitBroker.PID);
            exchange = "micro";
        }
        long reconnect = config.reconnect_wait_ms();
        if (reconnect <= 0) {
            LOG.error("{} reconnect.wait.ms = '{}' refused: expected a positive number of milliseconds; keeping 1000",
                    RabbitBroker.PID, reconnect);
            reconnect = 1000;
        }
        int prefetch = config.prefetch();
        if (prefetch <= 0) {
            LOG.error("{} prefetch = '{}' refused: 0 would let a slow subscriber's deliveries pile up without bound; keeping 256",
                    RabbitBroker.PID, prefetch);
            prefetch = 256;
        }
        return new RabbitSettings(List.copyOf(addresses), username, password, virtualHost, tls, exchange.trim(), config.durable(),
                reconnect, prefetch);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /**
     * The client's connection factory: automatic recovery of the connection and of what was declared
     * on it (exchange, queues, bindings, consumers), heartbeats so that a frozen node is noticed, TLS
     * with the JVM's trust store and host name checks.
     */
    ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(reconnectWaitMillis);
        factory.setRequestedHeartbeat(10);
        factory.setConnectionTimeout(5_000);
        if (tls) {
            try {
                factory.useSslProtocol(SSLContext.getDefault());
                factory.enableHostnameVerification();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no TLS in this JVM", e);
            }
        }
        return factory;
    }

    /** The nodes, as messages name them. */
    String where() {
        return addresses.stream().map(a -> a.getHost() + ":" + a.getPort()).collect(Collectors.joining(","));
    }

    /** How long a durable publish waits for RabbitMQ's confirm. */
    long confirmTimeoutMillis() {
        return 5_000;
    }

    /**
     * The queue of a subscriber: a queue group shares one named after the group and the topic (a
     * group subscribed to two topics must not mix them); a lone subscriber's is named by RabbitMQ.
     */
    static String queueName(String topic, String group) {
        return group == null ? "" : group + "." + topic;
    }
}
