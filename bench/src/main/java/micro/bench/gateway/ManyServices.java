package micro.bench.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.bench.Configs;
import micro.registry.etcd.internal.EtcdRegistry;

/**
 * Fills a real etcd with services beside the greeter, as a large deployment's registry holds: each
 * one node on a port nothing listens on (the gateway is not meant to call them, only to hold them).
 */
final class ManyServices {

    private static final int WRITERS = 8;

    private ManyServices() {
    }

    /** The name of the {@code i}th service, in the gateway's namespace. */
    static String name(int i) {
        return String.format("micro.srv.svc-%05d", i);
    }

    /** Registers services 1..count in the etcd at {@code endpoint}, from {@value #WRITERS} writers, and returns when all are in. */
    static void register(String endpoint, int count) throws Exception {
        EtcdRegistry registry = new EtcdRegistry(Configs.of(EtcdRegistry.Config.class, Map.of("endpoints", endpoint)));
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writes = new java.util.ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int first = writer + 1;
                writes.add(writers.submit(() -> {
                    for (int i = first; i <= count; i += WRITERS) {
                        registry.register(new Service(name(i), "latest", Map.of(), List.of(), List.of(new Node("svc-" + i,
                                "127.0.0.1:9", Map.of(Node.TRANSPORT, "http")))), Duration.ZERO);
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            writers.shutdownNow();
            registry.close();
        }
    }
}
