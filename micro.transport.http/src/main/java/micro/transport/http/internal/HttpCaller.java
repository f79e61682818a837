package micro.transport.http.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import micro.api.MicroException;
import micro.api.transport.Message;
import micro.api.transport.TransportException;

import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The client side of unary calls: per node a pool of keep-alive connections ({@link NodePool}) on
 * Jetty's I/O layer, each call written straight from its message ({@link RequestHead}) and its reply
 * parsed where it is read ({@link NodeConnection}). A general-purpose HTTP client builds a request,
 * an exchange, a conversation and listener chains for every call; a call between micro nodes needs
 * none of them (bench/results/changes.md 21).
 */
final class HttpCaller implements AutoCloseable {

    /** Calls that may wait for a connection to one node (Jetty's client allows as many per destination). */
    static final int MAX_WAITING_PER_NODE = 1024;
    /** Node addresses kept; nodes come and go (a new port each restart), so unused pools are dropped past it. */
    static final int POOLS_KEPT = 1024;

    private static final String JSON = "application/json";

    private final HttpSettings settings;
    private final int maxWaitingPerNode;
    private final QueuedThreadPool threads;
    private final Scheduler scheduler = new ScheduledExecutorScheduler("micro-http-client-timeouts", true);
    private final ClientConnector connector = plainHttpConnector();
    private final ConcurrentMap<String, NodePool> pools = new ConcurrentHashMap<>();

    HttpCaller(HttpSettings settings) {
        this(settings, MAX_WAITING_PER_NODE);
    }

    HttpCaller(HttpSettings settings, int maxWaitingPerNode) {
        this.settings = settings;
        this.maxWaitingPerNode = maxWaitingPerNode;
        threads = new QueuedThreadPool(settings.maxThreads(), 2);
        threads.setName("micro-http-client");
        threads.setDaemon(true);
        connector.setExecutor(threads);
        connector.setScheduler(scheduler);
        connector.setSelectors(1);
        connector.setIdleTimeout(Duration.ofMillis(settings.idleTimeoutMillis()));
        try {
            threads.start();
            scheduler.start();
            connector.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client", e);
        }
    }

    /**
     * Nodes speak plain HTTP: the TLS factory a connector would make is kept but never started,
     * which spares loading an SSLContext and the trust store (about 0.2 s of the host's boot).
     */
    static ClientConnector plainHttpConnector() {
        ClientConnector connector = new ClientConnector();
        SslContextFactory.Client tls = new SslContextFactory.Client();
        connector.setSslContextFactory(tls);
        connector.unmanage(tls);
        return connector;
    }

    /** A call whose future completes on a pool thread: its dependents may block. */
    CompletableFuture<Message> call(String address, Message message, Duration timeout) {
        return call(address, message, timeout, false);
    }

    /** A call whose caller only waits: a reply completes it on the I/O thread, a failure on a pool thread. */
    CompletableFuture<Message> callAwaited(String address, Message message, Duration timeout) {
        return call(address, message, timeout, true);
    }

    private CompletableFuture<Message> call(String address, Message message, Duration timeout, boolean awaited) {
        NodePool pool;
        byte[] head;
        try {
            pool = pool(address);
            String contentType = message.header(Message.CONTENT_TYPE);
            head = RequestHead.of(address, message, contentType != null ? contentType : JSON, message.body().length);
        } catch (MicroException e) {
            return CompletableFuture.failedFuture(e);
        }
        PendingCall call = new PendingCall(address, head, message.body(), timeout, awaited, threads);
        call.startDeadline(scheduler, () -> pool.forget(call));
        pool.send(call);
        return call.result();
    }

    private NodePool pool(String address) {
        NodePool pool = pools.get(address);
        if (pool != null) {
            return pool;
        }
        try {
            HostPort.parse(address);
        } catch (MicroException e) {
            throw new TransportException(address, "invalid address: " + e.detail(), e);
        }
        if (pools.size() >= POOLS_KEPT) {
            pools.values().removeIf(NodePool::isUnused);
        }
        return pools.computeIfAbsent(address, key -> new NodePool(key, connector, threads, settings.maxConnectionsPerNode(),
                maxWaitingPerNode, settings.maxBodyBytes()));
    }

    /** Connections open or being opened to {@code address}. */
    int connections(String address) {
        NodePool pool = pools.get(address);
        return pool == null ? 0 : pool.connections();
    }

    /** Fails the calls still waiting for a connection, then closes every connection and the threads. */
    @Override
    public void close() {
        pools.values().forEach(NodePool::close);
        for (org.eclipse.jetty.util.component.LifeCycle part : new org.eclipse.jetty.util.component.LifeCycle[] { connector,
                scheduler, threads }) {
            try {
                part.stop();
            } catch (Exception e) {
                // stopping: nothing left to do with a part that fails to stop
            }
        }
    }
}
