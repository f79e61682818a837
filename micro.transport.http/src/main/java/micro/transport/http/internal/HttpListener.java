package micro.transport.http.internal;

import java.io.IOException;

import micro.api.MicroException;
import micro.api.transport.Listener;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import micro.api.transport.StreamHandler;
import micro.api.transport.TransportHandler;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Jetty server listening for RPC requests; closing it lets the calls in flight finish first. */
final class HttpListener implements Listener {

    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);

    private final Server server;
    private final String address;
    private final Runnable onClose;

    private HttpListener(Server server, ServerConnector connector, String host, Runnable onClose) {
        this.server = server;
        this.address = new HostPort(host, connector.getLocalPort()).toString();
        this.onClose = onClose;
    }

    static HttpListener open(String address, TransportHandler handler, StreamHandler streams, HttpSettings settings,
            Runnable onClose) {
        HostPort hostPort = HostPort.parse(address);
        QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), Math.min(8, settings.maxThreads()));
        threads.setName("micro-http-server");
        threads.setDaemon(true);
        // Threads a burst needed leave within seconds of it, not one a minute.
        threads.setIdleTimeout(5_000);
        threads.setMaxEvictCount(settings.maxThreads());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(hostPort.host());
        connector.setPort(hostPort.port());
        connector.setIdleTimeout(settings.idleTimeoutMillis());
        server.addConnector(connector);
        Handler calls = new RpcHandler(handler, new BodyReader(settings.maxBodyBytes(), settings.idleTimeoutMillis()));
        // Bounded: a flood of stream openings gets 503s, not a thread each; idle threads leave after 5 s.
        ThreadPoolExecutor streamThreads = new ThreadPoolExecutor(0, settings.maxStreams(), 5, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon());
        if (streams != null) {
            // Streams are WebSocket upgrades on the same port; every other request is a unary call.
            WebSocketUpgradeHandler upgrades = new WebSocketUpgradeHandler();
            upgrades.addMapping("/*", (request, response, callback) -> new ServerStream(request, streams, streamThreads,
                    settings.maxBodyBytes()));
            upgrades.setHandler(calls);
            calls = upgrades;
        }
        GracefulHandler graceful = new GracefulHandler(calls);
        // Idle keep-alive connections need not hold up a close; calls in flight still drain.
        graceful.setShutdownIdleTimeout(100);
        server.setHandler(graceful);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(settings.drainTimeoutMillis());
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            String reason = e instanceof IOException && e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new MicroException("micro.transport.http", 500, "cannot listen on " + hostPort + ": " + reason, e);
        }
        return new HttpListener(server, connector, hostPort.host(), () -> {
            streamThreads.shutdown();
            onClose.run();
        });
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public void close() {
        stopQuietly(server);
        onClose.run();
        LOG.debug("stopped listening on {}", address);
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "micro-http-stream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("error while stopping the HTTP listener: {}", e.getMessage());
        }
    }
}
