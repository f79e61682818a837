package micro.core.internal.selector;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import micro.api.MicroException;
import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.selector.Next;
import micro.api.selector.NoneAvailableException;
import micro.api.selector.SelectOptions;
import micro.api.selector.Selector;
import micro.api.selector.ServiceNotFoundException;
import micro.api.transport.NodeTimeoutException;
import micro.api.transport.TransportException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Selects nodes from a watch-fed cache of the best registry, with the random or round robin strategy,
 * leaving out nodes that failed within the blacklist period.
 */
@Component(service = Selector.class, configurationPid = "micro.selector")
@Designate(ocd = CachingSelector.Config.class)
public final class CachingSelector implements Selector {

    private static final Logger LOG = LoggerFactory.getLogger(CachingSelector.class);

    @ObjectClassDefinition(name = "micro selector", description = "How the client picks the node of each call.")
    public @interface Config {
        @AttributeDefinition(name = "Strategy", description = "Default strategy: random or roundrobin.", options = {
                @Option(label = "random", value = SelectOptions.RANDOM), @Option(label = "round robin", value = "roundrobin") })
        String strategy() default SelectOptions.RANDOM;

        @AttributeDefinition(name = "Blacklist period (ms)", description = "How long a node that failed is left out.")
        long blacklist_ms() default 30_000;
    }

    private final RandomStrategy random = new RandomStrategy();
    private final RoundRobinStrategy roundRobin = new RoundRobinStrategy();
    private volatile String defaultStrategy;
    private final Blacklist blacklist;
    private volatile NodeCache cache;

    @Activate
    public CachingSelector(Config config) {
        this(config.strategy(), Duration.ofMillis(config.blacklist_ms()));
    }

    public CachingSelector(String defaultStrategy, Duration blacklistPeriod) {
        this.defaultStrategy = configuredStrategy(defaultStrategy, SelectOptions.RANDOM);
        this.blacklist = new Blacklist(blacklistPeriod.isNegative() ? Duration.ZERO : blacklistPeriod);
    }

    /**
     * Applied live: the strategy of calls started afterwards, the period of nodes left out afterwards.
     * Nothing restarts, so no client or gateway holding this selector is touched. A bad value is
     * refused with one log line and the last good one stays.
     */
    @Modified
    void modified(Config config) {
        defaultStrategy = configuredStrategy(config.strategy(), defaultStrategy);
        if (config.blacklist_ms() < 0) {
            LOG.error("micro.selector blacklist.ms = '{}' refused: expected 0 or more milliseconds; keeping the last good one",
                    config.blacklist_ms());
        } else {
            blacklist.period(Duration.ofMillis(config.blacklist_ms()));
        }
    }

    String defaultStrategy() {
        return defaultStrategy;
    }

    /** An unknown strategy in the configuration is refused with one log line; {@code last} stands. */
    private static String configuredStrategy(String name, String last) {
        try {
            return strategyName(name);
        } catch (IllegalArgumentException e) {
            LOG.error("micro.selector strategy = '{}' refused: expected random or roundrobin; keeping {}", name, last);
            return last;
        }
    }

    // Optional, dynamic + greedy: a better registry installed at run time takes over without restarting
    // clients; with none, calls fail with 503 instead of the client going away.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setRegistry(Registry registry, Map<String, Object> properties) {
        NodeCache previous = cache;
        cache = new NodeCache(registry, previous, blacklist::forgive);
        LOG.debug("selecting from registry {}", registry.name());
        if (previous != null) {
            previous.close();
        }
    }

    public void unsetRegistry(Registry registry) {
        // The replacement, if any, was set before; a stale cache is closed with its registry.
        NodeCache current = cache;
        if (current != null && current.isFor(registry)) {
            cache = null;
            current.close();
        }
    }

    @Deactivate
    public void deactivate() {
        NodeCache current = cache;
        cache = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public Next select(String service, SelectOptions options) {
        NodeCache current = cache;
        if (current == null) {
            throw new NoneAvailableException(service);
        }
        SelectOptions effective = options == null ? SelectOptions.defaults() : options;
        List<Node> nodes = current.nodes(service, effective.versionFilter());
        if (nodes == NodeCache.UNKNOWN) {
            throw new ServiceNotFoundException(service);
        }
        if (nodes.isEmpty() && effective.versionFilter() != null && !current.nodes(service).isEmpty()) {
            throw new NoneAvailableException(service, "no node of service " + service + " has " + effective.versionFilter());
        }
        if (nodes.isEmpty()) {
            throw new NoneAvailableException(service);
        }
        int first = strategy(effective.strategy()).first(service, nodes);
        return new CallNodes(service, nodes, first, effective, blacklist);
    }

    @Override
    public void mark(String service, Node node, Throwable error) {
        if (error == null) {
            blacklist.remove(node);
        } else if (isNodeFailure(error)) {
            blacklist.add(service, node, error);
        }
    }

    @Override
    public void reset(String service) {
        NodeCache current = cache;
        if (current != null) {
            current.invalidate(service);
        }
        roundRobin.reset(service);
    }

    /** Only failures that say something about the node itself put it on the blacklist. */
    private static boolean isNodeFailure(Throwable error) {
        return error instanceof TransportException || error instanceof NodeTimeoutException;
    }

    private Strategy strategy(String name) {
        String effective = name == null ? defaultStrategy : strategyName(name);
        return SelectOptions.ROUND_ROBIN.equals(effective) ? roundRobin : random;
    }

    private static String strategyName(String name) {
        String normalized = name == null ? SelectOptions.RANDOM : name.trim().toLowerCase(java.util.Locale.ROOT);
        if (!normalized.equals(SelectOptions.RANDOM) && !normalized.equals(SelectOptions.ROUND_ROBIN)) {
            throw new IllegalArgumentException("unknown selector strategy '" + name + "': use random or roundrobin");
        }
        return normalized;
    }
}
