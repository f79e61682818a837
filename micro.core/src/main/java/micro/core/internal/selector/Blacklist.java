package micro.core.internal.selector;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import micro.api.registry.Node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nodes that failed recently, each left out until its period ends. A node is its id at its address:
 * a node that comes back at a new address (a restarted transport on a new port) is a new node, and a
 * node that registers anew is {@link #forgive forgiven}, so a restart never keeps a healthy node out.
 */
final class Blacklist {

    private static final Logger LOG = LoggerFactory.getLogger(Blacklist.class);

    private final ConcurrentMap<String, Long> until = new ConcurrentHashMap<>();
    private volatile long periodNanos;

    Blacklist(Duration period) {
        this.periodNanos = period.toNanos();
    }

    /** Nodes left out from now on stay out this long; those already out keep their end. */
    void period(Duration period) {
        this.periodNanos = period.toNanos();
    }

    void add(String service, Node node, Throwable reason) {
        if (until.put(key(node), System.nanoTime() + periodNanos) == null) {
            LOG.info("leaving node {} at {} of {} out of calls for {} ms: {}", node.id(), node.address(), service,
                    periodNanos / 1_000_000, reason.getMessage());
        }
    }

    void remove(Node node) {
        until.remove(key(node));
    }

    /** The node registered anew: whatever failed before, it deserves calls again. */
    void forgive(Node node) {
        if (until.remove(key(node)) != null) {
            LOG.info("node {} at {} registered again: back in calls", node.id(), node.address());
        }
    }

    boolean contains(Node node) {
        String key = key(node);
        Long deadline = until.get(key);
        if (deadline == null) {
            return false;
        }
        if (deadline - System.nanoTime() <= 0) {
            until.remove(key, deadline);
            return false;
        }
        return true;
    }

    private static String key(Node node) {
        return node.id() + "@" + node.address();
    }
}
