package micro.registry.etcd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import micro.api.MicroException;
import micro.api.registry.Endpoint;
import micro.api.registry.Node;
import micro.api.registry.RegistryEvent;
import micro.api.registry.Service;
import micro.api.registry.Value;
import micro.api.selector.SelectOptions;
import micro.core.internal.selector.CachingSelector;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.Watches;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The etcd registry against a real etcd. */
class EtcdRegistryTest {

    @TempDir
    Path dir;
    private EtcdServer etcd;
    private EtcdRegistry registry;

    @BeforeEach
    void start() throws Exception {
        etcd = EtcdServer.start(dir.resolve("etcd"));
        registry = new EtcdRegistry(settings(etcd.endpoint()));
    }

    @AfterEach
    void stop() throws Exception {
        registry.close();
        etcd.close();
    }

    private static EtcdSettings settings(String endpoints) {
        return EtcdSettings.of(endpoints, "/micro/registry/", "", "", false, 2000);
    }

    private static Service greeter(String... addresses) {
        List<Node> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < addresses.length; i++) {
            nodes.add(new Node("greeter-" + (i + 1), addresses[i], Map.of("transport", "http")));
        }
        return new Service("greeter", "1.0", Map.of(), List.of(new Endpoint("Say.Hello",
                new Value("Request", "Request", List.of(Value.of("name", "string"))), null, Map.of())), nodes);
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(20), condition);
    }

    @Test
    void storesOneKeyPerNodeInGoMicrosFormat() {
        registry.register(greeter("127.0.0.1:1", "127.0.0.1:2"), Duration.ofSeconds(30));

        List<KeyValue> keys = new EtcdClient(settings(etcd.endpoint())).range("/micro/registry/");
        assertEquals(List.of("/micro/registry/greeter/greeter-1", "/micro/registry/greeter/greeter-2"),
                keys.stream().map(KeyValue::key).toList());
        String value = new String(keys.get(0).value(), StandardCharsets.UTF_8);
        assertTrue(value.startsWith("{\"name\":\"greeter\",\"version\":\"1.0\",\"metadata\":{},\"endpoints\":[{\"name\":\"Say.Hello\""),
                value);
        assertTrue(value.endsWith("\"nodes\":[{\"id\":\"greeter-1\",\"address\":\"127.0.0.1:1\",\"metadata\":{\"transport\":\"http\"}}]}"),
                value);

        Service found = registry.getService("greeter").get(0);
        assertEquals(List.of("greeter-1", "greeter-2"), found.nodes().stream().map(Node::id).toList());
        assertEquals("Say.Hello", found.endpoints().get(0).name());
        assertEquals(List.of("greeter"), registry.listServices().stream().map(Service::name).toList());
        assertTrue(registry.listServices().get(0).nodes().isEmpty());
    }

    @Test
    void renewingAnUnchangedNodeOnlyRefreshesItsLease() {
        EtcdClient raw = new EtcdClient(settings(etcd.endpoint()));
        registry.register(greeter("127.0.0.1:1"), Duration.ofSeconds(30));
        long revision = raw.range("/micro/registry/greeter/").get(0).modRevision();
        registry.register(greeter("127.0.0.1:1"), Duration.ofSeconds(30));
        assertEquals(revision, raw.range("/micro/registry/greeter/").get(0).modRevision(), "no new write");
        registry.register(greeter("127.0.0.1:9"), Duration.ofSeconds(30));
        assertTrue(raw.range("/micro/registry/greeter/").get(0).modRevision() > revision, "a changed node is written");
    }

    @Test
    void aNodeWhoseHostDiedExpiresWithItsLease() throws Exception {
        registry.register(greeter("127.0.0.1:1"), Duration.ofSeconds(2));
        assertEquals(1, registry.getService("greeter").size());
        await("the lease to expire", () -> registry.getService("greeter").isEmpty());
    }

    @Test
    void aLiveNodesRegistrationLostWithoutItsDeregisteringIsRestoredAtOnce() throws Exception {
        registry.watch(null, event -> {
        });
        Watches.awaitLive(registry, Duration.ofSeconds(20));
        registry.register(greeter("127.0.0.1:1"), Duration.ofSeconds(30));
        // What a frozen etcd does to every lease when it resumes: the key goes, nobody deregistered it.
        EtcdRegistry other = new EtcdRegistry(settings(etcd.endpoint()));
        try {
            other.deregister(greeter("127.0.0.1:1"));
        } finally {
            other.close();
        }
        await("the registration to be back", () -> registry.getService("greeter").size() == 1);
        assertEquals("127.0.0.1:1", registry.getService("greeter").get(0).nodes().get(0).address());
    }

    @Test
    void watchersHearCreateUpdateAndDelete() throws Exception {
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        registry.watch("greeter", events::add);
        Watches.awaitLive(registry, Duration.ofSeconds(20));
        registry.register(greeter("127.0.0.1:1"), Duration.ofSeconds(30));
        registry.register(greeter("127.0.0.1:2"), Duration.ofSeconds(30));
        registry.deregister(greeter("127.0.0.1:2"));
        await("three events", () -> events.size() >= 3);
        assertEquals(List.of(RegistryEvent.Type.CREATE, RegistryEvent.Type.UPDATE, RegistryEvent.Type.DELETE),
                events.stream().map(RegistryEvent::type).toList());
        assertEquals("127.0.0.1:2", events.get(1).service().nodes().get(0).address());
        assertEquals("greeter-1", events.get(2).service().nodes().get(0).id());
    }

    @Test
    void someoneElsesJsonIsSkippedAndTheWatchGoesOn() throws Exception {
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        registry.watch(null, events::add);
        Watches.awaitLive(registry, Duration.ofSeconds(20));
        EtcdClient raw = new EtcdClient(settings(etcd.endpoint()));
        raw.put("/micro/registry/junk/x", "not json".getBytes(StandardCharsets.UTF_8), 0);
        raw.put("/micro/registry/junk/y", "{\"name\":\"\"}".getBytes(StandardCharsets.UTF_8), 0);
        registry.register(greeter("127.0.0.1:1"), Duration.ofSeconds(30));
        await("the greeter's event after the junk", () -> events.stream().anyMatch(e -> e.service().name().equals("greeter")));
        assertTrue(registry.getService("junk").isEmpty());
        assertEquals(List.of("greeter"), registry.listServices().stream().map(Service::name).toList());
    }

    @Test
    void survivesAnEtcdRestartAndTheSelectorServesFromItsCacheMeanwhile() throws Exception {
        CachingSelector selector = new CachingSelector("random", Duration.ofSeconds(30));
        selector.setRegistry(registry, Map.of());
        registry.register(greeter("127.0.0.1:1"), Duration.ofSeconds(60));
        assertEquals("greeter-1", selector.select("greeter", SelectOptions.defaults()).next().id());

        etcd.stop();
        MicroException down = assertThrows(MicroException.class,
                () -> registry.register(greeter("127.0.0.1:1", "127.0.0.1:2"), Duration.ofSeconds(60)));
        assertEquals(503, down.code());
        assertTrue(down.detail().contains(etcd.endpoint()), down.detail());
        assertEquals("greeter-1", selector.select("greeter", SelectOptions.defaults()).next().id(), "served from the cache");

        etcd.start();
        registry.register(greeter("127.0.0.1:1", "127.0.0.1:2"), Duration.ofSeconds(60));
        await("the watch to refresh the cache after the restart", () -> nodesSelectable(selector) == 2);
        selector.deactivate();
    }

    private static int nodesSelectable(CachingSelector selector) {
        var next = selector.select("greeter", new SelectOptions("roundrobin", null));
        return (int) java.util.stream.Stream.of(next.next().id(), next.next().id()).distinct().count();
    }

    @Test
    void anUnreachableEtcdIsAClearErrorAndTheNextEndpointIsTried() throws Exception {
        EtcdRegistry nowhere = new EtcdRegistry(settings("127.0.0.1:" + EtcdServer.freePort()));
        MicroException error = assertThrows(MicroException.class, () -> nowhere.getService("greeter"));
        assertEquals(503, error.code());
        assertTrue(error.detail().startsWith("etcd is unreachable at http://127.0.0.1:"), error.detail());
        nowhere.close();

        EtcdRegistry failover = new EtcdRegistry(settings("127.0.0.1:" + EtcdServer.freePort() + "," + etcd.endpoint()));
        failover.register(greeter("127.0.0.1:1"), Duration.ofSeconds(30));
        assertEquals(1, failover.getService("greeter").size());
        failover.close();
    }
}
