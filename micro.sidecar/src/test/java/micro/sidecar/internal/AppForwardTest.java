package micro.sidecar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import micro.api.registry.Node;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.ScriptedClient;

import org.junit.jupiter.api.Test;

/** app_mode forward: the sidecar is the app's node and turns each call into POST http://APP/Service/Method. */
class AppForwardTest {

    @Test
    void callsReachAnAppThatCannotReadHeadersAsPlainPosts() throws Exception {
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/Say/Hello", exchange -> {
            String name = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll(".*\"name\":\"([^\"]*)\".*", "$1");
            byte[] reply = ("{\"msg\":\"Hello " + name + " via forward\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        app.createContext("/Say/Broken", exchange -> {
            byte[] reply = "it broke".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        app.start();
        try (SidecarFixture fixture = new SidecarFixture(new ScriptedClient(), Map.of("app_mode", "forward",
                "apps", new String[] { "micro.srv.plain=127.0.0.1:" + app.getAddress().getPort() }))) {
            Await.until("the app registered", Duration.ofSeconds(10), () -> !fixture.registry.getService("micro.srv.plain").isEmpty());
            Node node = fixture.registry.getService("micro.srv.plain").get(0).nodes().get(0);
            assertEquals(fixture.sidecar.address().replace("http://", ""), node.address(), "the sidecar is the node");

            HttpResponse<String> hello = fixture.send("POST", "/", "{\"name\":\"John\"}", "Micro-Service", "micro.srv.plain",
                    "Micro-Endpoint", "Say.Hello", "Content-Type", "application/json");
            assertEquals(200, hello.statusCode(), hello.body());
            assertEquals("{\"msg\":\"Hello John via forward\"}", hello.body());

            HttpResponse<String> broken = fixture.send("POST", "/", "{}", "Micro-Service", "micro.srv.plain", "Micro-Endpoint",
                    "Say.Broken");
            assertEquals(500, broken.statusCode());
            assertTrue(broken.body().contains("it broke") && broken.body().contains("\"id\":\"micro.srv.plain\""), broken.body());

            app.stop(0);
            HttpResponse<String> down = fixture.send("POST", "/", "{}", "Micro-Service", "micro.srv.plain", "Micro-Endpoint",
                    "Say.Hello");
            assertEquals(503, down.statusCode(), "the app does not answer: retryable");
        } finally {
            app.stop(0);
        }
    }

    @Test
    void endpointsBecomePaths() {
        assertEquals("/Say/Hello", AppForwarder.path("Say.Hello"));
        assertEquals("/Greeter", AppForwarder.path("Greeter"));
    }
}
