package micro.transport.http.internal;

import java.io.IOException;

import micro.api.MicroException;
import micro.api.transport.Listener;
import micro.api.transport.TransportHandler;

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

    static HttpListener open(String address, TransportHandler handler, HttpSettings settings, Runnable onClose) {
        HostPort hostPort = HostPort.parse(address);
        QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), Math.min(8, settings.maxThreads()));
        threads.setName("micro-http-server");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(hostPort.host());
        connector.setPort(hostPort.port());
        connector.setIdleTimeout(settings.idleTimeoutMillis());
        server.addConnector(connector);
        GracefulHandler graceful = new GracefulHandler(new RpcHandler(handler, settings.maxBodyBytes()));
        // Idle keep-alive connections need not hold up a close; calls in flight still drain.
        graceful.setShutdownIdleTimeout(100);
        server.setHandler(graceful);
        server.setStopTimeout(settings.drainTimeoutMillis());
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            String reason = e instanceof IOException && e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new MicroException("micro.transport.http", 500, "cannot listen on " + hostPort + ": " + reason, e);
        }
        return new HttpListener(server, connector, hostPort.host(), onClose);
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

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("error while stopping the HTTP listener: {}", e.getMessage());
        }
    }
}
