package micro.core.internal.selector;

import java.util.List;

import micro.api.registry.Node;
import micro.api.selector.Next;
import micro.api.selector.NoneAvailableException;
import micro.api.selector.SelectOptions;

/**
 * The nodes of one call: starts where the strategy says, then walks the list so that each retry goes
 * to a node not tried yet; when all were tried it goes around again. Blacklisted and filtered nodes
 * are skipped. Used by one caller at a time.
 */
final class CallNodes implements Next {

    private final String service;
    private final List<Node> nodes;
    private final SelectOptions options;
    private final Blacklist blacklist;
    private int position;

    CallNodes(String service, List<Node> nodes, int first, SelectOptions options, Blacklist blacklist) {
        this.service = service;
        this.nodes = nodes;
        this.position = first;
        this.options = options;
        this.blacklist = blacklist;
    }

    @Override
    public Node next() {
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(Math.floorMod(position++, nodes.size()));
            if (options.accepts(node) && !blacklist.contains(node)) {
                return node;
            }
        }
        if (options.filter() != null && nodes.stream().noneMatch(options::accepts)) {
            throw new NoneAvailableException(service, "no node of service " + service + " has " + options.filter());
        }
        throw new NoneAvailableException(service);
    }
}
