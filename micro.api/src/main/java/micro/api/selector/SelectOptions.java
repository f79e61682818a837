package micro.api.selector;

import java.util.function.Predicate;

import micro.api.registry.Node;

/**
 * How to select: a strategy name ({@code random}, {@code roundrobin}; null for the selector's
 * default) and a filter on nodes (null for all).
 */
public record SelectOptions(String strategy, Predicate<Node> filter) {

    public static final String RANDOM = "random";
    public static final String ROUND_ROBIN = "roundrobin";

    private static final SelectOptions DEFAULTS = new SelectOptions(null, null);

    public static SelectOptions defaults() {
        return DEFAULTS;
    }

    public boolean accepts(Node node) {
        return filter == null || filter.test(node);
    }
}
