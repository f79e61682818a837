package micro.registry.kubernetes.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes registry against exchanges in the shapes of the Kubernetes API documentation,
 * replayed by {@link FakeKubernetesApi}; not verified against a live cluster (none can be had here).
 */
class KubernetesRegistryTest {

    private static final String NAME = "micro.srv.greeter";

    @TempDir
    Path dir;
    private FakeKubernetesApi api;
    private KubernetesRegistry registry;
    private KubernetesRegistry other;

    @BeforeEach
    void start() throws Exception {
        api = new FakeKubernetesApi("micro", "sa-token");
        api.addPod("greeter-1", "Running");
        api.addPod("greeter-2", "Running");
        Path token = Files.writeString(dir.resolve("token"), "sa-token\n");
        registry = new KubernetesRegistry(new KubernetesClient(api.url(), "micro", token, null, Duration.ofSeconds(5)), "greeter-1");
        other = new KubernetesRegistry(new KubernetesClient(api.url(), "micro", token, null, Duration.ofSeconds(5)), "greeter-2");
    }

    @AfterEach
    void stop() {
        registry.close();
        other.close();
        api.close();
    }

    private static Service greeter(String version, String id, String address) {
        return new Service(NAME, version, Map.of(), List.of(new Endpoint("Say.Hello",
                new Value("Request", "Request", List.of(Value.of("name", "string"))), null, Map.of("stream", "false"))),
                List.of(new Node(id, address, Map.of("transport", "http", "registry", "kubernetes"))));
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(20), condition);
    }

    @Test
    void registersOnItsOwnPodWithGoPluginsLabelsAndAnnotation() throws Exception {
        registry.register(greeter("1.0", "greeter-a", "10.0.0.1:9091"), Duration.ofSeconds(30));

        FakeKubernetesApi.Exchange patch = api.requests("PATCH").get(0);
        assertEquals("/api/v1/namespaces/micro/pods/greeter-1", patch.path());
        assertEquals("application/strategic-merge-patch+json", patch.contentType());
        assertEquals("Bearer sa-token", patch.authorization());
        JsonNode pod = api.pod("greeter-1").path("metadata");
        assertEquals("service", pod.path("labels").path("micro.mu/type").asText());
        assertEquals("service", pod.path("labels").path("micro.mu/selector-micro-srv-greeter").asText());
        JsonNode stored = KubernetesClient.MAPPER.readTree(pod.path("annotations").path("micro.mu/service-micro-srv-greeter").asText());
        assertEquals(NAME, stored.path("name").asText());
        assertEquals("10.0.0.1:9091", stored.path("nodes").get(0).path("address").asText());
        assertEquals("Say.Hello", stored.path("endpoints").get(0).path("name").asText(), "go-micro's JSON: " + stored);
    }

    @Test
    void aRenewalThatChangesNothingSendsNothing() {
        registry.register(greeter("1.0", "greeter-a", "10.0.0.1:9091"), Duration.ofSeconds(30));
        registry.register(greeter("1.0", "greeter-a", "10.0.0.1:9091"), Duration.ofSeconds(30));
        assertEquals(1, api.requests("PATCH").size(), "a node lives with its pod: renewing it costs no request");
        registry.register(greeter("1.0", "greeter-a", "10.0.0.1:9092"), Duration.ofSeconds(30));
        assertEquals(2, api.requests("PATCH").size());
    }

    @Test
    void lookupsJoinTheRunningPodsByVersion() {
        registry.register(greeter("1.0", "greeter-a", "10.0.0.1:9091"), Duration.ofSeconds(30));
        other.register(greeter("1.0", "greeter-b", "10.0.0.2:9091"), Duration.ofSeconds(30));
        List<Service> versions = registry.getService(NAME);
        assertEquals(1, versions.size());
        assertEquals(List.of("10.0.0.1:9091", "10.0.0.2:9091"), versions.get(0).nodes().stream().map(Node::address).sorted().toList());
        assertTrue(api.requests("GET").get(0).query().contains("labelSelector=micro.mu%2Fselector-micro-srv-greeter%3Dservice"),
                api.requests("GET").get(0).query());
        assertEquals(List.of(NAME), registry.listServices().stream().map(Service::name).toList());

        api.setPhase("greeter-2", "Failed");
        assertEquals(List.of("10.0.0.1:9091"), registry.getService(NAME).get(0).nodes().stream().map(Node::address).toList(),
                "a pod that does not run serves nobody, whatever its annotation says");
    }

    @Test
    void deregisteringTheLastNodeTakesLabelAndAnnotationOff() {
        registry.register(greeter("1.0", "greeter-a", "10.0.0.1:9091"), Duration.ofSeconds(30));
        registry.deregister(greeter("1.0", "greeter-a", "10.0.0.1:9091"));
        JsonNode pod = api.pod("greeter-1").path("metadata");
        assertTrue(pod.path("labels").path("micro.mu/selector-micro-srv-greeter").isMissingNode(), pod.toString());
        assertTrue(pod.path("annotations").path("micro.mu/service-micro-srv-greeter").isMissingNode(), pod.toString());
        assertTrue(registry.getService(NAME).isEmpty());
    }

    @Test
    void watchersHearPodsComeChangeAndGoAndAWatchTooOldStartsOver() {
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        registry.watch(NAME, events::add);
        Watches.awaitLive(registry, Duration.ofSeconds(20));
        other.register(greeter("1.0", "greeter-b", "10.0.0.2:9091"), Duration.ofSeconds(30));
        await("the create", () -> has(events, RegistryEvent.Type.CREATE, "10.0.0.2:9091"));
        other.register(greeter("1.0", "greeter-b", "10.0.0.2:9092"), Duration.ofSeconds(30));
        await("the update", () -> has(events, RegistryEvent.Type.UPDATE, "10.0.0.2:9092"));

        other.register(greeter("1.0", "greeter-b", "10.0.0.2:9093"), Duration.ofSeconds(30)); // a change...
        api.compact(); // ...then the watch ends and its resource version is too old: 410, so the watcher lists again
        await("the watcher to hear 410 and list again", () -> api.expiredWatches() > 0);
        await("the update it may have missed, from the new list", () -> has(events, RegistryEvent.Type.UPDATE, "10.0.0.2:9093"));
        api.deletePod("greeter-2");
        await("the delete of the node whose pod went", () -> has(events, RegistryEvent.Type.DELETE, "10.0.0.2:9093"));
        assertEquals(List.of(RegistryEvent.Type.CREATE, RegistryEvent.Type.UPDATE, RegistryEvent.Type.UPDATE, RegistryEvent.Type.DELETE),
                events.stream().map(RegistryEvent::type).toList(), "no flapping in between: " + events);
    }

    private static boolean has(List<RegistryEvent> events, RegistryEvent.Type type, String address) {
        return events.stream().anyMatch(e -> e.type() == type && e.service().nodes().get(0).address().equals(address));
    }

    @Test
    void failuresAreClearErrors() throws Exception {
        KubernetesRegistry nowhere = new KubernetesRegistry(new KubernetesClient(api.url(), "micro", dir.resolve("token"), null,
                Duration.ofSeconds(5)), "");
        MicroException noPod = assertThrows(MicroException.class,
                () -> nowhere.register(greeter("1.0", "x", "10.0.0.9:1"), Duration.ZERO));
        assertEquals(503, noPod.code());
        assertTrue(noPod.detail().contains("no pod name"), noPod.detail());

        KubernetesRegistry stranger = new KubernetesRegistry(new KubernetesClient(api.url(), "micro",
                Files.writeString(dir.resolve("wrong"), "not-the-token"), null, Duration.ofSeconds(5)), "greeter-1");
        MicroException refused = assertThrows(MicroException.class, () -> stranger.getService(NAME));
        assertEquals(502, refused.code());
        assertTrue(refused.detail().contains("refused to list pods: 401 Unauthorized"), refused.detail());

        KubernetesRegistry gone = new KubernetesRegistry(new KubernetesClient(api.url(), "micro", dir.resolve("token"), null,
                Duration.ofSeconds(5)), "no-such-pod");
        MicroException missing = assertThrows(MicroException.class,
                () -> gone.register(greeter("1.0", "x", "10.0.0.9:1"), Duration.ZERO));
        assertTrue(missing.detail().contains("pods \"no-such-pod\" not found"), missing.detail());

        api.close();
        MicroException unreachable = assertThrows(MicroException.class, () -> registry.getService(NAME));
        assertEquals(503, unreachable.code());
        assertTrue(unreachable.detail().startsWith("the Kubernetes API is unreachable at " + api.url()), unreachable.detail());
    }
}
