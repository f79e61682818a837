package micro.edge.http;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty server of an edge, set up the same way for each: a bounded pool whose idle threads leave
 * within seconds, no server version header, Jetty's own errors as the edge's JSON, the client's
 * silence bounded by the read timeout, and a graceful stop that lets requests in flight finish.
 */
public final class EdgeServer {

    private static final long STOP_TIMEOUT_MS = 5_000;

    private final Server server;
    private final ServerConnector connector;
    private final boolean tls;
    private final Handler.Wrapper live;

    private EdgeServer(Server server, ServerConnector connector, boolean tls, Handler.Wrapper live) {
        this.server = server;
        this.connector = connector;
        this.tls = tls;
        this.live = live;
    }

    /** Starts {@code handler} on {@code host:port} over plain HTTP, without a request log. */
    public static EdgeServer start(String name, String host, int port, long readTimeoutMillis, EdgeErrors errors,
            Handler handler) throws Exception {
        EdgeServer edge = start(name, host, port, readTimeoutMillis, null, null, errors);
        edge.serve(handler);
        return edge;
    }

    /**
     * Starts listening on {@code host:port} (port 0: any free one), serving nothing until {@link #serve}.
     *
     * @param name the threads' name, and the edge named when it cannot listen
     * @param ssl TLS for HTTPS, or null for plain HTTP
     * @param requestLog a line per request, or null
     * @throws IllegalStateException when it cannot listen there, saying why
     */
    public static EdgeServer start(String name, String host, int port, long readTimeoutMillis, SslContextFactory.Server ssl,
            RequestLog requestLog, EdgeErrors errors) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName(name);
        threads.setDaemon(true);
        // Threads a burst needed leave within seconds of it, not one a minute.
        threads.setIdleTimeout(5_000);
        threads.setMaxEvictCount(200);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ConnectionFactory plain = new HttpConnectionFactory(http);
        ServerConnector connector;
        if (ssl != null) {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            connector = new ServerConnector(server, ssl, plain);
        } else {
            connector = new ServerConnector(server, plain);
        }
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(readTimeoutMillis);
        server.addConnector(connector);
        // Graceful: a stop lets the requests in flight finish first.
        Handler.Wrapper live = new Handler.Wrapper(true);
        server.setHandler(new GracefulHandler(live));
        server.setStopTimeout(STOP_TIMEOUT_MS);
        server.setErrorHandler(new JsonErrorHandler(errors));
        if (requestLog != null) {
            server.setRequestLog(requestLog);
        }
        EdgeServer edge = new EdgeServer(server, connector, ssl != null, live);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw new IllegalStateException(name + " cannot listen on " + host + ":" + port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        return edge;
    }

    /**
     * Serves {@code handler} from now on, in place of what was served (requests in flight finish on
     * it). A running wrapper takes a new handler without starting it, and CORS and the proxy (its HTTP
     * clients) do their setup in their start: so it is started here, and told the server first.
     */
    public void serve(Handler handler) throws Exception {
        handler.setServer(server);
        live.setHandler(handler);
        if (!handler.isStarted()) {
            handler.start();
        }
    }

    /** The Jetty server, for handlers that need it (a proxy's HTTP client). */
    public Server jetty() {
        return server;
    }

    /** The URL it answers on: {@code http://host:port} (https with TLS). */
    public String url() {
        return (tls ? "https://" : "http://") + connector.getHost() + ":" + connector.getLocalPort();
    }

    /** host:port it listens on. */
    public String address() {
        return connector.getHost() + ":" + connector.getLocalPort();
    }

    /** Stops gracefully: no new connections, requests in flight finish (up to 5 s). */
    public void stop() throws Exception {
        server.stop();
    }
}
