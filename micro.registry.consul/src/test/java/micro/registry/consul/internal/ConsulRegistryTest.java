package micro.registry.consul.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

import micro.api.MicroException;
import micro.api.registry.Endpoint;
import micro.api.registry.Node;
import micro.api.registry.RegistryEvent;
import micro.api.registry.Service;
import micro.api.registry.Value;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.Watches;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Consul registry against exchanges in the shapes of Consul's HTTP API documentation, replayed
 * by {@link FakeConsulAgent}; not verified against a live Consul (none can be installed here).
 */
class ConsulRegistryTest {

    private FakeConsulAgent consul;
    private ConsulRegistry registry;

    @BeforeEach
    void start() throws Exception {
        consul = new FakeConsulAgent();
        registry = new ConsulRegistry(new ConsulClient(consul.address(), "secret-token", false, Duration.ofSeconds(5)),
                "1m", Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        registry.close();
        consul.close();
    }

    private static Service greeter(String address) {
        return new Service("greeter", "1.0", Map.of(), List.of(new Endpoint("Say.Hello",
                new Value("Request", "Request", List.of(Value.of("name", "string"))), null, Map.of("stream", "false"))),
                List.of(new Node("greeter-1", address, Map.of("transport", "http", "registry", "consul"))));
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(20), condition);
    }

    @Test
    void registersEachNodeAsAnAgentServiceWithATtlCheck() {
        registry.register(greeter("127.0.0.1:9091"), Duration.ofSeconds(30));

        JsonNode body = consul.requests("PUT", "/v1/agent/service/register").get(0).body();
        assertEquals("greeter-1", body.get("ID").asText());
        assertEquals("greeter", body.get("Name").asText());
        assertEquals("127.0.0.1", body.get("Address").asText());
        assertEquals(9091, body.get("Port").asInt());
        assertEquals("1.0", body.get("Meta").get("micro-version").asText());
        assertEquals("http", body.get("Meta").get("transport").asText());
        assertTrue(body.get("Tags").get(0).asText().startsWith("micro-endpoint="), body.toString());
        assertEquals("service:greeter-1", body.get("Check").get("CheckID").asText());
        assertEquals("30s", body.get("Check").get("TTL").asText());
        assertEquals("1m", body.get("Check").get("DeregisterCriticalServiceAfter").asText());
        assertEquals("passing", body.get("Check").get("Status").asText());
        assertEquals(1, consul.requests("PUT", "/v1/agent/check/pass/service:greeter-1").size());
        consul.exchanges.forEach(e -> assertEquals("secret-token", e.token(), "the ACL token goes with " + e.path()));
    }

    @Test
    void reRegisteringAnUnchangedNodeOnlyPassesItsCheck() {
        registry.register(greeter("127.0.0.1:9091"), Duration.ofSeconds(30));
        registry.register(greeter("127.0.0.1:9091"), Duration.ofSeconds(30));
        assertEquals(1, consul.requests("PUT", "/v1/agent/service/register").size());
        assertEquals(2, consul.requests("PUT", "/v1/agent/check/pass/").size());
        registry.register(greeter("127.0.0.1:9092"), Duration.ofSeconds(30));
        assertEquals(2, consul.requests("PUT", "/v1/agent/service/register").size(), "a changed node registers again");
    }

    @Test
    void readsBackPassingNodesWithVersionEndpointsAndMetadata() {
        registry.register(greeter("127.0.0.1:9091"), Duration.ofSeconds(30));
        Service found = registry.getService("greeter").get(0);
        assertEquals("1.0", found.version());
        assertEquals(greeter("127.0.0.1:9091").endpoints(), found.endpoints());
        assertEquals(new Node("greeter-1", "127.0.0.1:9091", Map.of("transport", "http", "registry", "consul")),
                found.nodes().get(0));
        assertTrue(consul.exchanges.stream().anyMatch(e -> e.path().equals("/v1/health/service/greeter")));
        assertEquals(List.of("consul", "greeter"), registry.listServices().stream().map(Service::name).toList());
    }

    @Test
    void readsAServiceRegisteredByOtherToolsFromTheDocumentedResponse() throws Exception {
        try (InputStream sample = getClass().getResourceAsStream("/consul/health-service-redis.json")) {
            consul.replay("redis", ConsulClient.MAPPER.readTree(sample));
        }
        Service redis = registry.getService("redis").get(0);
        assertEquals("", redis.version());
        assertTrue(redis.endpoints().isEmpty());
        assertEquals(new Node("redis", "10.1.10.12:8000", Map.of("redis_version", "4.0")), redis.nodes().get(0));
    }

    @Test
    void aNodeWhoseTtlPassedIsNoLongerFoundAndDeregisterRemovesIt() throws Exception {
        registry.register(greeter("127.0.0.1:9091"), Duration.ofSeconds(30));
        consul.expire("greeter-1");
        assertTrue(registry.getService("greeter").isEmpty(), "only passing nodes are found");
        registry.register(greeter("127.0.0.1:9091"), Duration.ofSeconds(30));
        assertEquals(1, registry.getService("greeter").size(), "the next renewal passes the check again");
        registry.deregister(greeter("127.0.0.1:9091"));
        assertEquals(1, consul.requests("PUT", "/v1/agent/service/deregister/greeter-1").size());
        assertTrue(registry.getService("greeter").isEmpty());
    }

    @Test
    void watchersHearNodesComeChangeAndGo() throws Exception {
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        registry.watch("greeter", events::add);
        Watches.awaitLive(registry, Duration.ofSeconds(20));
        registry.register(greeter("127.0.0.1:9091"), Duration.ofSeconds(30));
        await("the create", () -> has(events, RegistryEvent.Type.CREATE, "127.0.0.1:9091"));
        registry.register(greeter("127.0.0.1:9092"), Duration.ofSeconds(30));
        await("the update", () -> has(events, RegistryEvent.Type.UPDATE, "127.0.0.1:9092"));
        consul.expire("greeter-1");
        await("the delete of the node whose check failed", () -> has(events, RegistryEvent.Type.DELETE, "127.0.0.1:9092"));
        assertEquals(List.of(RegistryEvent.Type.CREATE, RegistryEvent.Type.UPDATE, RegistryEvent.Type.DELETE),
                events.stream().map(RegistryEvent::type).toList(), "no flapping in between: " + events);
    }

    private static boolean has(List<RegistryEvent> events, RegistryEvent.Type type, String address) {
        return events.stream().anyMatch(e -> e.type() == type && e.service().nodes().get(0).address().equals(address));
    }

    @Test
    void anUnreachableAgentIsAClearError() {
        consul.close();
        MicroException error = assertThrows(MicroException.class, () -> registry.getService("greeter"));
        assertEquals(503, error.code());
        assertTrue(error.detail().startsWith("consul is unreachable at http://" + consul.address()), error.detail());
    }
}
