package micro.bot.slack.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import micro.edge.http.TextSocket;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * A stand-in for Slack, since no Slack is reachable from here: it replays the exchanges Slack's API
 * documentation shows for a Socket Mode app — {@code auth.test}, {@code apps.connections.open}
 * handing out a WebSocket URL, the {@code hello} on connect, {@code events_api} envelopes (a direct
 * message, a mention) that must be acknowledged, a {@code disconnect} asking for a new connection —
 * and records what the app posts with {@code chat.postMessage}. Payloads are the documented shapes,
 * field for field; it was not checked against Slack itself.
 */
final class SlackReplay implements AutoCloseable {

    static final String BOT_USER = "W12345678";
    static final String APP_TOKEN = "xapp-1-A111111111-1111111111111-abcdef";
    static final String BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";

    /** One chat.postMessage the app made. */
    record Post(String channel, String text, String authorization) {
    }

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    final List<Post> posts = new CopyOnWriteArrayList<>();
    final List<String> acks = new CopyOnWriteArrayList<>();
    final AtomicInteger connectionsOpened = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    SlackReplay() throws Exception {
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        WebSocketUpgradeHandler upgrades = new WebSocketUpgradeHandler();
        upgrades.addMapping("/link/", (request, response, callback) -> new Socket());
        upgrades.setHandler(new Api());
        server.setHandler(upgrades);
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/api/";
    }

    /** Sends {@code json} on the newest open socket, as Slack pushes an event. */
    void push(String json) {
        sockets.get(sockets.size() - 1).send(json);
    }

    int openSockets() {
        return (int) sockets.stream().filter(Socket::isOpen).count();
    }

    private final class Api extends Handler.Abstract {
        Api() {
            super(InvocationType.BLOCKING);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = request.getHttpURI().getPath();
            String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            JsonNode body = SlackApi.JSON.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
            String answer = switch (path) {
                case "/api/auth.test" -> ("Bearer " + BOT_TOKEN).equals(authorization)
                        ? "{\"ok\":true,\"url\":\"https://subarachnoid.slack.com/\",\"team\":\"Subarachnoid Workspace\","
                                + "\"user\":\"grace\",\"team_id\":\"T12345678\",\"user_id\":\"" + BOT_USER + "\"}"
                        : "{\"ok\":false,\"error\":\"invalid_auth\"}";
                case "/api/apps.connections.open" -> {
                    if (!("Bearer " + APP_TOKEN).equals(authorization)) {
                        yield "{\"ok\":false,\"error\":\"not_allowed_token_type\"}";
                    }
                    connectionsOpened.incrementAndGet();
                    yield "{\"ok\":true,\"url\":\"ws://127.0.0.1:" + connector.getLocalPort() + "/link/?ticket=1234-5678\"}";
                }
                case "/api/chat.postMessage" -> {
                    posts.add(new Post(body.path("channel").asText(), body.path("text").asText(), authorization));
                    yield "{\"ok\":true,\"channel\":\"" + body.path("channel").asText() + "\",\"ts\":\"1503435956.000247\"}";
                }
                default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
            };
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.write(true, ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    private final class Socket extends TextSocket {
        private volatile boolean open;

        Socket() {
            super(1 << 20, 64);
        }

        boolean isOpen() {
            return open;
        }

        @Override
        protected void opened() {
            open = true;
            sockets.add(this);
            send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"applink-7fc4fdbb64-4x5xq\","
                    + "\"build_number\":10,\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":\"A01K58AR4RF\"}}");
        }

        @Override
        protected void onText(String text) {
            try {
                acks.add(SlackApi.JSON.readTree(text).path("envelope_id").asText());
            } catch (java.io.IOException e) {
                acks.add("not JSON: " + text);
            }
        }

        @Override
        protected void closed() {
            open = false;
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
