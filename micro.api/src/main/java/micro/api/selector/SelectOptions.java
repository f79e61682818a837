package micro.api.selector;

import java.util.function.Predicate;

import micro.api.registry.Node;
import micro.api.registry.Service;

/**
 * How to select: a strategy name ({@code random}, {@code roundrobin}; null for the selector's
 * default), a filter on nodes and a filter on the versions of the service (null for all). go-micro's
 * {@code FilterVersion}, {@code FilterEndpoint} and {@code FilterLabel} are in {@link Filters}.
 */
public record SelectOptions(String strategy, Predicate<Node> filter, Predicate<Service> versionFilter) {

    public static final String RANDOM = "random";
    public static final String ROUND_ROBIN = "roundrobin";

    private static final SelectOptions DEFAULTS = new SelectOptions(null, null, null);

    /** The options of version 1.0: a strategy and a node filter, every version. */
    public SelectOptions(String strategy, Predicate<Node> filter) {
        this(strategy, filter, null);
    }

    public static SelectOptions defaults() {
        return DEFAULTS;
    }

    public boolean accepts(Node node) {
        return filter == null || filter.test(node);
    }

    /** Whether the nodes of {@code version} (one entry of the registry's answer) may be selected. */
    public boolean accepts(Service version) {
        return versionFilter == null || versionFilter.test(version);
    }
}
