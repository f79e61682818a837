package micro.core.internal.selector;

import java.util.List;

import micro.api.registry.Node;

/** Orders the candidate nodes of one call; implementations are thread safe. */
interface Strategy {

    /** The index in {@code nodes} (never empty) of the first node to try for {@code service}. */
    int first(String service, List<Node> nodes);
}
