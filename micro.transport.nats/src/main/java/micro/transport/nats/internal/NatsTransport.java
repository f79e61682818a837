package micro.transport.nats.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import micro.api.MicroException;
import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.NodeTimeoutException;
import micro.api.transport.Stream;
import micro.api.transport.StreamHandler;
import micro.api.transport.Transport;
import micro.api.transport.TransportException;
import micro.api.transport.TransportHandler;

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
 * The NATS transport, as go-plugins' was: a node listens on a subject of its own, which is the
 * address it registers ({@code micro.node.<id>}), and a call is a NATS request to that subject. A
 * node that is gone answers "no responders" at once (a 502 the client retries on another node), a
 * slow one times out (408). Requests are served on a bounded pool, never on NATS's dispatcher
 * thread, so a handler that calls another service over NATS does not wait for itself. Streams
 * are {@link NatsStream}s: an inbox subject per end, credit-based flow control, their frames read on
 * one dispatcher of the connection. Started only when configured (PID {@code micro.transport.nats});
 * a server listens on it beside the HTTP transport, a node per transport.
 */
@Component(service = Transport.class, configurationPid = NatsTransport.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Transport.PROPERTY + "=" + NatsTransport.NAME)
@Designate(ocd = NatsTransport.Config.class)
public final class NatsTransport implements Transport {

    static final String PID = "micro.transport.nats";
    static final String NAME = "nats";
    static final String SUBJECT_PREFIX = "micro.node.";
    private static final Logger LOG = LoggerFactory.getLogger(NatsTransport.class);

    @ObjectClassDefinition(name = "micro NATS transport", description = "Request/reply through NATS.")
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

        @AttributeDefinition(name = "Workers", description = "Requests served at once; as many more wait, the rest are "
                + "answered 503 at once.", min = "1")
        int workers() default 128;

        @AttributeDefinition(name = "Ranking", description = "service.ranking; above the HTTP transport's 0.")
        int service_ranking() default 100;
    }

    private final Options options;
    private final ThreadPoolExecutor workers;
    private final List<NatsListener> listeners = new ArrayList<>();
    private final java.util.Set<NatsStream> callerStreams = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Thread connector;
    private volatile Connection connection;
    private volatile io.nats.client.Dispatcher streamFrames; // the frames of every stream of this connection

    @Activate
    public NatsTransport(Config config) {
        this(options(config), config.workers() > 0 ? config.workers() : 128);
    }

    NatsTransport(Options options, int workerCount) {
        this.options = options;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(workerCount), runnable -> {
                    Thread thread = new Thread(runnable, "micro-nats-rpc-" + n.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.workers.allowCoreThreadTimeOut(true);
        this.connector = new Thread(this::connect, "micro-nats-transport-connect");
        this.connector.setDaemon(true);
        this.connector.start();
        LOG.info("NATS transport for {}", options.getServers());
    }

    static Options options(Config config) {
        List<String> servers = new ArrayList<>();
        for (String address : config.address().split(",")) {
            String trimmed = address.trim();
            if (!trimmed.isEmpty()) {
                servers.add(trimmed.contains("://") ? trimmed : (config.tls() ? "tls://" : "nats://") + trimmed);
            }
        }
        Options.Builder builder = new Options.Builder().servers(servers.toArray(String[]::new)).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500)).reportNoResponders().useTimeoutException();
        if (!config.username().isEmpty()) {
            builder.userInfo(config.username(), config.password());
        }
        if (!config.credentials().isEmpty()) {
            builder.authHandler(Nats.credentials(config.credentials()));
        }
        return builder.build();
    }

    /** Connects in the background, retrying until NATS is up; listeners made before subscribe then. */
    private void connect() {
        try {
            Connection connected = Nats.connectReconnectOnConnect(options);
            io.nats.client.Dispatcher frames = connected.createDispatcher();
            synchronized (listeners) {
                streamFrames = frames;
                connection = connected;
                listeners.forEach(listener -> listener.subscribe(connected, frames));
            }
            LOG.info("NATS transport connected to {}", connected.getConnectedUrl());
        } catch (IOException e) {
            LOG.error("cannot connect to NATS at {}: {}", options.getServers(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Deactivate
    public void close() throws InterruptedException {
        connector.interrupt();
        List<NatsListener> open;
        synchronized (listeners) {
            open = List.copyOf(listeners);
        }
        open.forEach(NatsListener::close);
        callerStreams.forEach(stream -> stream.fail(MicroException.unavailable("micro.transport.nats", "the NATS transport closed")));
        workers.shutdown();
        Connection current = connection;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Listens on {@code address} when it is a subject; a {@code host:port} (the server's default
     * address, made for HTTP) means a subject of its own, {@code micro.node.<id>}.
     */
    @Override
    public Listener listen(String address, TransportHandler handler) {
        return listen(address, handler, null);
    }

    @Override
    public Listener listen(String address, TransportHandler handler, StreamHandler streams) {
        String subject = address != null && !address.isBlank() && !address.contains(":") ? address.trim()
                : SUBJECT_PREFIX + UUID.randomUUID();
        NatsListener listener = new NatsListener(subject, handler, streams, workers, this::forget);
        synchronized (listeners) {
            listeners.add(listener);
            if (connection != null) {
                listener.subscribe(connection, streamFrames);
            }
        }
        return listener;
    }

    /**
     * Opens a stream: a request to the node's subject naming this end's inbox, answered with the
     * node's (or an error: 501 from a node without streams, 503 from a full one). {@code timeout}
     * bounds the opening and how long a send waits for the node to read.
     */
    @Override
    public Stream stream(String address, Message request, Duration timeout) {
        Connection current = connection;
        io.nats.client.Dispatcher frames = streamFrames;
        if (current == null || frames == null || current.getStatus() != Connection.Status.CONNECTED) {
            throw notConnected(address);
        }
        NatsStream stream = new NatsStream(current, frames, timeout, callerStreams::remove);
        callerStreams.add(stream);
        io.nats.client.impl.Headers headers = NatsWire.headers(request);
        headers.put(NatsStream.INBOX, stream.inbox());
        io.nats.client.Message answer;
        try {
            answer = current.requestWithTimeout(address, headers, request.body(), timeout).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.fail(MicroException.unavailable("micro.transport.nats", "interrupted"));
            throw new MicroException("micro.transport.nats", 503, "interrupted while opening a stream to " + address);
        } catch (ExecutionException | RuntimeException e) {
            MicroException failed = e instanceof IllegalArgumentException ? new MicroException("micro.transport.nats", 413,
                    "cannot send to " + address + ": " + e.getMessage()) : failure(address, timeout, e);
            stream.fail(failed);
            throw failed;
        }
        MicroException refused = NatsWire.error(answer);
        String nodeInbox = answer.getHeaders() == null ? null : answer.getHeaders().getFirst(NatsStream.INBOX);
        if (refused != null || nodeInbox == null) {
            MicroException error = refused != null ? refused
                    : new TransportException(address, "the node at " + address + " answered a stream's opening without one", null);
            stream.fail(error);
            throw error;
        }
        stream.peer(nodeInbox);
        return stream;
    }

    private MicroException notConnected(String address) {
        return MicroException.unavailable("micro.transport.nats", "not connected to NATS at " + options.getServers()
                + " (reconnecting); cannot call " + address);
    }

    private void forget(NatsListener listener) {
        synchronized (listeners) {
            listeners.remove(listener);
        }
    }

    @Override
    public CompletableFuture<Message> call(String address, Message request, Duration timeout) {
        Connection current = connection;
        if (current == null || current.getStatus() != Connection.Status.CONNECTED) {
            // NATS itself is away, not the node: a 503 naming it, which the client retries within the deadline
            return CompletableFuture.failedFuture(notConnected(address));
        }
        CompletableFuture<io.nats.client.Message> reply;
        try {
            reply = current.requestWithTimeout(address, NatsWire.headers(request), request.body(), timeout);
        } catch (IllegalArgumentException e) {
            // larger than the server's max_payload, or not a subject
            return CompletableFuture.failedFuture(new MicroException("micro.transport.nats", 413, "cannot send to " + address
                    + ": " + e.getMessage()));
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(new TransportException(address, e.getMessage(), e));
        }
        return reply.handle((answer, failure) -> {
            if (failure != null) {
                throw failure(address, timeout, failure);
            }
            MicroException error = NatsWire.error(answer);
            if (error != null) {
                throw error;
            }
            return NatsWire.message(answer);
        });
    }

    private static MicroException failure(String address, Duration timeout, Throwable failure) {
        Throwable cause = failure instanceof CompletionException || failure instanceof ExecutionException ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return new NodeTimeoutException(address, "no reply from " + address + " within " + timeout.toMillis() + " ms");
        }
        if (cause instanceof CancellationException || cause != null && cause.getMessage() != null
                && cause.getMessage().contains("503")) {
            return new TransportException(address, "no node listens on " + address + " (no responders)", cause);
        }
        return new TransportException(address, String.valueOf(cause), cause);
    }
}
