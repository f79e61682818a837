package micro.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import micro.core.internal.testing.ScriptedClient;
import micro.core.internal.testing.Configs;

import org.junit.jupiter.api.Test;

/** A configuration change reaches the running gateway without a restart; a bad value changes nothing. */
class GatewayConfigTest {

    private final ScriptedClient client = FakeUpstreams.client();

    private static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
        Map<String, Object> values = new HashMap<>(base);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    @Test
    void routesAndNamespaceChangeOnTheRunningServerAndABadAddressKeepsTheOldOne() throws Exception {
        String address = "127.0.0.1:" + GatewayFixture.freePort();
        Map<String, Object> base = Map.of("address", address, "access_log", false);
        try (GatewayFixture fixture = new GatewayFixture(client, null, base)) {
            assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}").statusCode());
            String before = fixture.gateway.address();

            fixture.gateway.modified(Configs.of(Gateway.Config.class, with(base, "namespace", "micro.srv")), Map.of());
            assertEquals(before, fixture.gateway.address(), "same listener: no restart");
            assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}").statusCode());
            assertEquals("micro.srv.greeter", client.calls.get(client.calls.size() - 1).service(), "the new namespace");

            fixture.gateway.modified(Configs.of(Gateway.Config.class, with(base, "namespace", "micro.srv", "address", "notaport",
                    "routes", new String[] { "no-slash=rpc" })), Map.of("address", "notaport"));
            assertEquals(before, fixture.gateway.address(), "a bad address is refused; the gateway stays where it was");
            assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}").statusCode(), "and keeps serving");

            try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                fixture.gateway.modified(Configs.of(Gateway.Config.class, with(base, "address",
                        "127.0.0.1:" + taken.getLocalPort())), Map.of());
                assertEquals(before, fixture.gateway.address(), "a port in use: back on the last good listener");
                assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}").statusCode());
            }

            String moved = "127.0.0.1:" + GatewayFixture.freePort();
            fixture.gateway.modified(Configs.of(Gateway.Config.class, with(base, "address", moved)), Map.of());
            assertEquals("http://" + moved, fixture.gateway.address(), "a new address means a new listener");
            assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}").statusCode());
        }
    }

    @Test
    void corsTurnedOnLiveWorksAtOnce() throws Exception {
        Map<String, Object> base = Map.of("address", "127.0.0.1:" + GatewayFixture.freePort());
        try (GatewayFixture fixture = new GatewayFixture(client, null, base)) {
            String before = fixture.gateway.address();
            fixture.gateway.modified(Configs.of(Gateway.Config.class, with(base, "cors", "http://allowed.example")), Map.of());
            assertEquals(before, fixture.gateway.address(), "same listener: no restart");
            // The new CORS handler does its setup when started: a live swap must start it.
            java.net.http.HttpResponse<String> call = fixture.send("POST", "/greeter/say/hello", "{}", "Origin",
                    "http://allowed.example");
            assertEquals(200, call.statusCode());
            assertEquals("http://allowed.example", call.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        }
    }

    @Test
    void statsAreServedBeforeEveryHandlerOnlyWhenEnabled() throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(client, null, Map.of("enable_stats", true))) {
            assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}").statusCode());
            assertEquals(404, fixture.send("POST", "/nosuch/say/hello", "{}").statusCode());
            java.net.http.HttpResponse<String> stats = fixture.send("GET", "/stats", null);
            assertEquals(200, stats.statusCode());
            assertTrue(stats.body().contains("\"total\":{\"1xx\":0,\"2xx\":1,\"3xx\":0,\"4xx\":1,\"5xx\":0}"), stats.body());
        }
        try (GatewayFixture fixture = new GatewayFixture(client, null, Map.of())) {
            java.net.http.HttpResponse<String> stats = fixture.send("GET", "/stats", null);
            assertTrue(stats.body().contains("micro.api.stats"), "off: /stats is a path like any other: " + stats.body());
        }
    }

    @Test
    void aBadValueAtStartFallsBackToTheDefaultWithOneLogLine() throws Exception {
        String address = "127.0.0.1:" + GatewayFixture.freePort();
        try (GatewayFixture fixture = new GatewayFixture(client, null, Map.of("address", address, "handler", "nonsense",
                "request_timeout_ms", -5L))) {
            assertTrue(fixture.gateway.routes().handlerFor("/x").equals(HandlerRoutes.RPC), "the default handler");
            assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}").statusCode());
        }
    }
}
