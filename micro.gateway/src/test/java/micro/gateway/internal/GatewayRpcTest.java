package micro.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;

import micro.core.internal.testing.ScriptedClient;
import micro.core.internal.testing.ScriptedClient.Call;
import micro.gateway.internal.FakeUpstreams.RecordingBroker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handlers of the gateway against scripted services: what is called, what is answered. */
class GatewayRpcTest {

    private final ScriptedClient client = FakeUpstreams.client();
    private GatewayFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new GatewayFixture(client, null, Map.of("routes", new String[] { "/greeter/http/=api" }));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private Call lastCall() {
        return client.calls.get(client.calls.size() - 1);
    }

    private static void assertError(HttpResponse<String> response, int status, String... fragments) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("\"code\":" + status), response.body());
        for (String fragment : fragments) {
            assertTrue(response.body().contains(fragment), "'" + fragment + "' missing in " + response.body());
        }
    }

    @Test
    void postsTheJsonBodyToTheServiceAndEndpointOfThePath() throws Exception {
        HttpResponse<String> response = fixture.send("POST", "/greeter/say/hello", "{\"name\":\"John\"}",
                "Content-Type", "application/json", "X-Micro-Trace", "t-1");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"msg\":\"Hello from {'name':'John'}\"}", response.body());
        assertEquals("micro.api.greeter", lastCall().service());
        assertEquals("Say.Hello", lastCall().endpoint());
        assertEquals("t-1", lastCall().request().header("X-Micro-Trace"), "X-Micro-* headers travel as metadata");
    }

    @Test
    void xMicroVersionPinsTheCallToThatVersion() throws Exception {
        assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}", "X-Micro-Version", "2.0").statusCode());
        java.util.function.Predicate<micro.api.registry.Service> versions = lastCall().options().versionFilter();
        assertTrue(versions.test(new micro.api.registry.Service("micro.api.greeter", "2.0", java.util.Map.of(),
                java.util.List.of(), java.util.List.of())), String.valueOf(versions));
        assertFalse(versions.test(new micro.api.registry.Service("micro.api.greeter", "1.0", java.util.Map.of(),
                java.util.List.of(), java.util.List.of())), String.valueOf(versions));
        assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}").statusCode());
        assertEquals(null, lastCall().options().versionFilter(), "no header: any version");
    }

    @Test
    void getQueryParametersAndFormsBecomeTheJsonRequest() throws Exception {
        assertEquals(200, fixture.send("GET", "/greeter/say/hello?name=John&x=1", null).statusCode());
        assertEquals("{\"name\":\"John\",\"x\":\"1\"}", lastCall().body());
        assertEquals(200, fixture.send("POST", "/greeter/say/hello", "name=Ann", "Content-Type",
                "application/x-www-form-urlencoded").statusCode());
        assertEquals("{\"name\":\"Ann\"}", lastCall().body());
        // what curl -d '{"name": "Bo"}' sends: JSON under curl's default form content type
        assertEquals(200, fixture.send("POST", "/greeter/say/hello", " {\"name\": \"Bo\"}", "Content-Type",
                "application/x-www-form-urlencoded").statusCode());
        assertEquals(" {\"name\": \"Bo\"}", lastCall().body(), "relayed as sent, like any JSON body");
    }

    @Test
    void badInputAndFailingUpstreamsGetJsonErrorsWithFittingStatuses() throws Exception {
        assertError(fixture.send("POST", "/greeter/say/hello", "{\"name\":", "Content-Type", "application/json"), 400,
                "malformed JSON");
        assertError(fixture.send("POST", "/nobody/say/hello", "{}"), 404, "micro.api.nobody", "namespace micro.api");
        assertError(fixture.send("POST", "/greeter/say/goodbye", "{}"), 404, "Say.Goodbye");
        assertError(fixture.send("POST", "/slow/x/y", "{}"), 504);
        assertError(fixture.send("POST", "/empty/x/y", "{}"), 503, "micro.api.empty");
        assertError(fixture.send("POST", "/down/x/y", "{}"), 502);
        assertError(fixture.send("POST", "/broken/x/y", "{}"), 500, "handler failed");
        HttpResponse<String> chained = fixture.send("POST", "/frontend/x/y", "{}");
        assertError(chained, 404, "micro.srv.backend");
        assertTrue(!chained.body().contains("micro.api.frontend not found"), chained.body());
        assertError(fixture.send("GET", "/", null), 404, "no service in path");
        assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}").statusCode(), "the gateway keeps serving");
    }

    @Test
    void rpcCallsAnyServiceNamedInTheBody() throws Exception {
        HttpResponse<String> response = fixture.send("POST", "/rpc",
                "{\"service\":\"micro.srv.greeter\",\"endpoint\":\"Say.Hello\",\"request\":{\"name\":\"John\"}}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("micro.srv.greeter", lastCall().service());
        assertEquals("{\"name\":\"John\"}", lastCall().body());
        fixture.send("POST", "/rpc", "{\"service\":\"micro.srv.greeter\",\"method\":\"Say.Hello\",\"request\":\"{\\\"name\\\":\\\"Ann\\\"}\"}");
        assertEquals("{\"name\":\"Ann\"}", lastCall().body(), "method and a string request are accepted too");
        assertError(fixture.send("POST", "/rpc", "{\"service\":\"micro.srv.greeter\"}"), 400, "endpoint");
        assertError(fixture.send("GET", "/rpc", null), 405);
    }

    @Test
    void theApiHandlerPassesTheWholeRequestAndSendsBackTheServicesResponse() throws Exception {
        HttpResponse<String> response = fixture.send("POST", "/greeter/http/hello?name=John", "hi there", "X-Test", "1");
        assertEquals(201, response.statusCode(), response.body());
        assertEquals("yes", response.headers().firstValue("X-Greeter").orElse(""));
        assertEquals("Http.Hello", lastCall().endpoint());
        String request = response.body();
        assertTrue(request.contains("\"method\":\"POST\"") && request.contains("\"path\":\"/greeter/http/hello\""), request);
        assertTrue(request.contains("\"get\":{\"name\":{\"key\":\"name\",\"values\":[\"John\"]}}"), request);
        assertTrue(request.contains("\"body\":\"hi there\"") && request.contains("\"X-Test\""), request);
    }

    @Test
    void eventsArePublishedWhenABrokerIsThere() throws Exception {
        assertError(fixture.send("POST", "/event/micro.topic.greeted", "{\"name\":\"John\"}"), 503, "no broker");
        RecordingBroker broker = new RecordingBroker();
        fixture.gateway.setBroker(broker);
        HttpResponse<String> response = fixture.send("POST", "/event/micro.topic.greeted", "{\"name\":\"John\"}");
        assertEquals(200, response.statusCode(), response.body());
        String published = broker.published.get(0);
        assertTrue(published.startsWith("micro.topic.greeted {\"name\":\"micro.topic.greeted\",\"id\":"), published);
        assertTrue(published.contains("\"data\":{\"name\":\"John\"}") && published.contains("\"timestamp\":"), published);
        assertError(fixture.send("GET", "/event/micro.topic.greeted", null), 405);
    }

    @Test
    void pathsArePercentDecodedAndBadEscapesAre400() throws Exception {
        assertEquals(200, fixture.send("POST", "/greeter/%73ay/hello", "{}").statusCode());
        assertEquals("Say.Hello", lastCall().endpoint());
        int port = java.net.URI.create(fixture.gateway.address()).getPort();
        String query = GatewayEdgeTest.raw(port, "GET /greeter/say/hello?name=%zz HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(query.startsWith("HTTP/1.1 400") && query.contains("\"code\":400"), query);
        assertError(fixture.send("POST", "/greeter/say/hello", "a=%zz", "Content-Type", "application/x-www-form-urlencoded"),
                400, "malformed");
    }

    @Test
    void methodsThatCarryNoCallNeverReachAService() throws Exception {
        int before = client.calls.size();
        for (String method : new String[] { "HEAD", "OPTIONS", "TRACE" }) {
            HttpResponse<String> response = fixture.send(method, "/greeter/say/hello", null);
            assertEquals(405, response.statusCode(), method);
            assertTrue(response.headers().firstValue("Allow").orElse("").contains("POST"), method);
        }
        assertEquals(before, client.calls.size(), "no handler ran");
    }
}
