package micro.core.internal.selector;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import micro.api.registry.Node;

/** Starts each call at a random node: load spreads evenly without shared state. */
final class RandomStrategy implements Strategy {

    @Override
    public int first(String service, List<Node> nodes) {
        return ThreadLocalRandom.current().nextInt(nodes.size());
    }
}
