package micro.bench.discovery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.Service;
import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.bench.Configs;
import micro.bench.Loopback;
import micro.bench.Report;
import micro.bench.Stats;
import micro.core.internal.client.DefaultClient;
import micro.core.internal.codec.JsonCodec;
import micro.core.internal.local.LocalNodes;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.selector.CachingSelector;
import micro.registry.etcd.internal.EtcdRegistry;
import micro.registry.etcd.internal.EtcdServer;
import micro.transport.http.internal.HttpTransport;

/**
 * Scenario 3a: how long a new node takes to get its first call. A service is known to the client
 * (cached, watched); a node is registered and the client calls round robin until the new node answers.
 * Measured for the memory registry and for a real etcd (Debian's etcd-server) on a free loopback port.
 */
public final class DiscoveryScenario {

    private static final String SERVICE = "bench.discovery";
    private static final int SAMPLES = 30;

    public void run(Report report) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (MemoryRegistry memory = new MemoryRegistry(Duration.ofSeconds(1))) {
            rows.add(measure("memory", memory));
        }
        Path data = Files.createTempDirectory("micro-bench-etcd");
        try (EtcdServer etcd = EtcdServer.start(data)) {
            EtcdRegistry registry = new EtcdRegistry(Configs.of(EtcdRegistry.Config.class, Map.of("endpoints", etcd.endpoint())));
            try {
                rows.add(measure("etcd", registry));
            } finally {
                registry.close();
            }
        } finally {
            micro.bench.Trees.delete(data);
        }
        report.section("Discovery: register to first routed call", "A service already cached by the client's selector "
                + "gets a new node; the clock runs from `register` until a call routed by the selector (round robin) is "
                + "answered by the new node (the first call also opens the connection to a listener that never served before). " + SAMPLES + " nodes per registry, each on its own HTTP listener.",
                List.of("registry", "selector sees it, median ms", "first answered call, median ms", "p90 ms", "max ms"), rows);
        report.headline("discovery_memory_register_to_call_ms", Double.parseDouble(rows.get(0).get(2)), 2);
        report.headline("discovery_etcd_register_to_call_ms", Double.parseDouble(rows.get(1).get(2)), 2);
    }

    private List<String> measure(String name, Registry registry) throws Exception {
        HttpTransport transport = new HttpTransport(Configs.of(HttpTransport.Config.class, Map.of()));
        CachingSelector selector = new CachingSelector("roundrobin", Duration.ofSeconds(30));
        selector.setRegistry(registry, Map.of());
        DefaultClient client = new DefaultClient(Configs.of(DefaultClient.Config.class, Map.of()), selector, new LocalNodes());
        client.addTransport(transport);
        client.addCodec(new JsonCodec());
        List<Listener> listeners = new ArrayList<>();
        List<Double> millis = new ArrayList<>();
        List<Double> seen = new ArrayList<>();
        try {
            Node previous = node(transport, listeners, 0);
            registry.register(service(previous), null);
            awaitAnswerFrom(client, previous, Duration.ofSeconds(30));
            for (int sample = 1; sample <= SAMPLES; sample++) {
                Node next = node(transport, listeners, sample);
                long start = System.nanoTime();
                registry.register(service(next), null);
                awaitSelectable(selector, next, Duration.ofSeconds(30));
                seen.add((System.nanoTime() - start) / 1e6);
                awaitAnswerFrom(client, next, Duration.ofSeconds(30));
                millis.add((System.nanoTime() - start) / 1e6);
                registry.deregister(service(previous));
                previous = next;
            }
            registry.deregister(service(previous));
        } finally {
            for (Listener listener : listeners) {
                listener.close();
            }
            selector.deactivate();
            transport.close();
        }
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf("discovery %-6s: median %.2f ms%n", name, Stats.median(millis));
        return List.of(name, Stats.fixed(Stats.median(seen), 3), Stats.fixed(Stats.median(millis), 2), Stats.fixed(sorted.get((int) (sorted.size() * 0.9)), 2),
                Stats.fixed(sorted.get(sorted.size() - 1), 2));
    }

    private static Node node(HttpTransport transport, List<Listener> listeners, int number) {
        String address = "127.0.0.1:" + Loopback.freePort();
        byte[] reply = ("{\"node\":\"" + number + "\"}").getBytes(StandardCharsets.UTF_8);
        listeners.add(transport.listen(address, request -> new Message(Map.of(Message.CONTENT_TYPE, "application/json"), reply)));
        return new Node(SERVICE + "-" + number, address, Map.of(Node.TRANSPORT, "http"));
    }

    private static Service service(Node node) {
        return new Service(SERVICE, "latest", Map.of(), List.of(), List.of(node));
    }

    private static void awaitSelectable(CachingSelector selector, Node node, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            var nodes = selector.select(SERVICE, null);
            for (int i = 0; i < 4; i++) {
                if (nodes.next().id().equals(node.id())) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("the selector never offered " + node.id());
    }

    private static void awaitAnswerFrom(DefaultClient client, Node node, Duration timeout) {
        String expected = node.id().substring(node.id().lastIndexOf('-') + 1);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                Map<?, ?> reply = client.call(SERVICE, "Any.Call", Map.of(), Map.class);
                if (expected.equals(reply.get("node"))) {
                    return;
                }
            } catch (RuntimeException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("node " + node.id() + " got no call within " + timeout.toSeconds() + " s");
    }
}
