package micro.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.selector.CachingSelector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy handler in front of a real HTTP service found through a real registry and selector. */
class GatewayProxyTest {

    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofSeconds(1));
    private final CachingSelector selector = new CachingSelector("random", Duration.ofSeconds(30));
    private Server legacy;
    private Server sockets;
    private GatewayFixture fixture;

    @BeforeEach
    void start() throws Exception {
        legacy = new Server();
        ServerConnector connector = new ServerConnector(legacy);
        connector.setHost("127.0.0.1");
        legacy.addConnector(connector);
        legacy.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                    org.eclipse.jetty.util.Callback callback) throws Exception {
                String body = Content.Source.asString(request);
                response.getHeaders().put("X-Legacy", "1");
                response.write(true, ByteBuffer.wrap((request.getMethod() + " " + request.getHttpURI().getPathQuery() + " "
                        + body).getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        legacy.start();
        sockets = echoWebSocketServer();
        registry.register(new Service("micro.api.chat", "1", Map.of(), List.of(), List.of(
                new Node("chat-1", "127.0.0.1:" + ((ServerConnector) sockets.getConnectors()[0]).getLocalPort(), Map.of()))),
                Duration.ZERO);
        selector.setRegistry(registry, Map.of());
        registry.register(new Service("micro.api.legacy", "1", Map.of(), List.of(), List.of(
                new Node("legacy-1", "127.0.0.1:" + connector.getLocalPort(), Map.of()))), Duration.ZERO);
        registry.register(new Service("micro.api.gone", "1", Map.of(), List.of(), List.of(
                new Node("gone-1", "127.0.0.1:" + GatewayFixture.freePort(), Map.of()))), Duration.ZERO);
        fixture = new GatewayFixture(FakeUpstreams.client(), selector, Map.of("handler", "proxy"));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        legacy.stop();
        sockets.stop();
        selector.deactivate();
        registry.close();
    }

    @Test
    void forwardsMethodPathQueryAndBodyToANodeOfTheService() throws Exception {
        var response = fixture.send("POST", "/legacy/orders/7?full=true", "payload");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("POST /legacy/orders/7?full=true payload", response.body());
        assertEquals("1", response.headers().firstValue("X-Legacy").orElse(""));
    }

    @Test
    void unknownServicesAndDeadNodesAreJsonErrors() throws Exception {
        var unknown = fixture.send("GET", "/nobody/x", null);
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("micro.api.nobody"), unknown.body());
        var dead = fixture.send("GET", "/gone/x", null);
        assertEquals(502, dead.statusCode(), dead.body());
        assertTrue(dead.body().contains("\"code\":502"), dead.body());
    }

    /** An upstream WebSocket service answering each text message with "echo: " and the message. */
    private static Server echoWebSocketServer() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        WebSocketUpgradeHandler upgrades = new WebSocketUpgradeHandler();
        upgrades.addMapping("/*", (request, response, callback) -> new FrameHandler() {
            private CoreSession session;

            @Override
            public void onOpen(CoreSession coreSession, org.eclipse.jetty.util.Callback opened) {
                session = coreSession;
                opened.succeeded();
                coreSession.demand();
            }

            @Override
            public void onFrame(Frame frame, org.eclipse.jetty.util.Callback done) {
                if (frame.getOpCode() == OpCode.TEXT) {
                    String text = frame.getPayloadAsUTF8();
                    session.sendFrame(new Frame(OpCode.TEXT).setPayload("echo: " + text + " at " + request.getHttpURI().getPath()),
                            org.eclipse.jetty.util.Callback.NOOP, false);
                }
                done.succeeded();
                session.demand();
            }

            @Override
            public void onError(Throwable cause, org.eclipse.jetty.util.Callback done) {
                done.succeeded();
            }

            @Override
            public void onClosed(CloseStatus status, org.eclipse.jetty.util.Callback done) {
                done.succeeded();
            }
        });
        server.setHandler(upgrades);
        server.start();
        return server;
    }

    @Test
    void bridgesWebSocketsToANodeOfTheService() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        URI uri = URI.create(fixture.gateway.address().replace("http://", "ws://") + "/chat/room/7");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                received.add(data.toString());
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        socket.sendText("hello", true).get(10, TimeUnit.SECONDS);
        assertEquals("echo: hello at /chat/room/7", received.poll(10, TimeUnit.SECONDS));
        socket.sendText("again", true).get(10, TimeUnit.SECONDS);
        assertEquals("echo: again at /chat/room/7", received.poll(10, TimeUnit.SECONDS));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }
}
