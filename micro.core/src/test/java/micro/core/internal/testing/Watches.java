package micro.core.internal.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.RegistryEvent;
import micro.api.registry.Service;
import micro.api.registry.Watch;

/**
 * Knows from outside, as any user of a registry would, when its watches deliver: a watch opened a
 * moment ago may not see a change made right away (etcd's stream and Consul's blocking query open on
 * a thread of their own).
 */
public final class Watches {

    private static final String PROBE = "micro.test.watch-probe";

    private Watches() {
    }

    /**
     * Changes a probe service until a watch of it hears the change, then removes it (watchers of every
     * service see that probe come and go).
     */
    public static void awaitLive(Registry registry, Duration timeout) {
        List<RegistryEvent> heard = new CopyOnWriteArrayList<>();
        int[] round = { 0 };
        try (Watch watch = registry.watch(PROBE, heard::add)) {
            Await.until("the " + registry.name() + " registry's watch to deliver", timeout, () -> {
                if (heard.isEmpty()) {
                    registry.register(probe(++round[0]), Duration.ofSeconds(60));
                }
                return !heard.isEmpty();
            });
        }
        registry.deregister(probe(round[0]));
    }

    private static Service probe(int round) {
        return new Service(PROBE, "", Map.of(), List.of(), List.of(new Node("probe", "127.0.0.1:" + round, Map.of())));
    }
}
