package micro.core.internal.selector;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import micro.api.registry.Node;

/** Starts each call at the node after the one the previous call of the same service started at. */
final class RoundRobinStrategy implements Strategy {

    private final ConcurrentMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    @Override
    public int first(String service, List<Node> nodes) {
        int turn = counters.computeIfAbsent(service, s -> new AtomicInteger()).getAndIncrement();
        return Math.floorMod(turn, nodes.size());
    }

    void reset(String service) {
        counters.remove(service);
    }
}
