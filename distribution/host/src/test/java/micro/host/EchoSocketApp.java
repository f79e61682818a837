package micro.host;

import micro.edge.http.TextSocket;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * A web app with a WebSocket, for the dashboard's proxy: each text message comes back as
 * "echo TEXT (path P, base B)", with the path and the {@code X-Micro-Web-Base-Path} it was opened with.
 */
final class EchoSocketApp implements AutoCloseable {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    private EchoSocketApp() {
    }

    static EchoSocketApp start() throws Exception {
        EchoSocketApp app = new EchoSocketApp();
        app.connector.setHost("127.0.0.1");
        app.server.addConnector(app.connector);
        WebSocketUpgradeHandler upgrades = new WebSocketUpgradeHandler();
        upgrades.addMapping("/*", (request, response, callback) -> new Echo(request.getHttpURI().getPath(),
                request.getHeaders().get("X-Micro-Web-Base-Path")));
        app.server.setHandler(upgrades);
        app.server.start();
        return app;
    }

    int port() {
        return connector.getLocalPort();
    }

    private static final class Echo extends TextSocket {
        private final String path;
        private final String base;

        Echo(String path, String base) {
            super(64 * 1024, 16);
            this.path = path;
            this.base = base;
        }

        @Override
        protected void opened() {
        }

        @Override
        protected void onText(String text) {
            send("echo " + text + " (path " + path + ", base " + base + ")");
        }

        @Override
        protected void closed() {
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
