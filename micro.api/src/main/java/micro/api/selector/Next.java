package micro.api.selector;

import micro.api.registry.Node;

/** The nodes of one call, in the order the strategy chose. */
@FunctionalInterface
public interface Next {

    /**
     * The node for the next attempt.
     *
     * @throws NoneAvailableException when no node is left
     */
    Node next();
}
