package micro.sidecar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import micro.core.internal.testing.Await;
import micro.core.internal.testing.ScriptedClient;

import org.junit.jupiter.api.Test;

/** Apps of the configuration: registered while their health URL answers 200, deregistered while it does not. */
class AppHealthTest {

    @Test
    void anAppFailingItsHealthCheckLeavesTheRegistryAndComesBackWhenItPasses() throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        app.start();
        String address = "127.0.0.1:" + app.getAddress().getPort();
        ScriptedClient client = new ScriptedClient().otherwise(call -> ScriptedClient.failure(
                new micro.api.selector.ServiceNotFoundException(call.service())));
        try (SidecarFixture fixture = new SidecarFixture(client, Map.of("healthcheck_interval_ms", 100L,
                "apps", new String[] { "micro.srv.py=" + address + ",health=http://" + address + "/health" }))) {
            Await.until("the healthy app registered", Duration.ofSeconds(10), () -> registered(fixture));
            assertEquals(200, fixture.send("GET", "/health", null).statusCode());

            status.set(503);
            Await.until("the failing app deregistered", Duration.ofSeconds(10), () -> !registered(fixture));
            HttpResponse<String> failing = fixture.send("GET", "/health", null);
            assertEquals(503, failing.statusCode(), "the status the app answered");
            assertTrue(failing.body().contains("answered 503"), failing.body());
            HttpResponse<String> call = fixture.send("POST", "/rpc", "{\"service\":\"micro.srv.py\",\"endpoint\":\"Say.Hello\"}");
            assertEquals(503, call.statusCode(), "an app known to be down is a 503, not a 404: " + call.body());
            assertTrue(call.body().contains("app micro.srv.py is down"), call.body());

            status.set(200);
            Await.until("the app registered again", Duration.ofSeconds(10), () -> registered(fixture));
            fixture.sidecar.deactivate();
            assertTrue(fixture.registry.getService("micro.srv.py").isEmpty(), "deregistered when the sidecar stops");
        } finally {
            app.stop(0);
        }
    }

    private static boolean registered(SidecarFixture fixture) {
        return !fixture.registry.getService("micro.srv.py").isEmpty();
    }

    @Test
    void appSpecsAreCheckedOneByOne() {
        AppSpec spec = AppSpec.parse("micro.srv.py=127.0.0.1:9000,health=http://127.0.0.1:9000/health");
        assertEquals("micro.srv.py", spec.name());
        assertEquals("127.0.0.1:9000", spec.address());
        assertEquals("/health", spec.health().getPath());
        assertEquals(null, AppSpec.parse("a=localhost:1").health());
        for (String bad : new String[] { "noequals", "=127.0.0.1:1", "a=nohost", "a=h:99999", "a=h:1,check=x", "a=h:1,health=ftp://x",
                "a b=h:1" }) {
            assertThrows(IllegalArgumentException.class, () -> AppSpec.parse(bad), bad);
        }
    }
}
