package micro.bench.jmh;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.selector.CachingSelector;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Selection and lookup with 10, 1,000 and 10,000 services of 3 nodes each in the memory registry:
 * the selector's cached path (what every call pays), and the registry lookup behind a cache miss.
 */
@State(Scope.Benchmark)
public class SelectorBenchmark {

    @Param({"10", "1000", "10000"})
    public int services;

    private MemoryRegistry registry;
    private CachingSelector selector;
    private String[] names;

    @Setup(Level.Trial)
    public void setUp() {
        registry = new MemoryRegistry(Duration.ofMinutes(1));
        selector = new CachingSelector("random", Duration.ofSeconds(30));
        selector.setRegistry(registry, Map.of());
        names = new String[services];
        for (int i = 0; i < services; i++) {
            names[i] = "bench.service." + i;
            List<Node> nodes = List.of(node(names[i], 1), node(names[i], 2), node(names[i], 3));
            registry.register(new Service(names[i], "latest", Map.of(), List.of(), nodes), null);
            selector.select(names[i], null).next(); // cached, as after a first call
        }
    }

    private static Node node(String service, int number) {
        return new Node(service + "-" + number, "127.0.0.1:" + (10_000 + number), Map.of(Node.TRANSPORT, "http"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        selector.deactivate();
        registry.close();
    }

    @Benchmark
    public Node selectCached() {
        return selector.select(names[ThreadLocalRandom.current().nextInt(services)], null).next();
    }

    @Benchmark
    public Object registryLookup() {
        return registry.getService(names[ThreadLocalRandom.current().nextInt(services)]);
    }
}
