package micro.core.internal.selector;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Nodes that failed recently, each left out until its period ends. */
final class Blacklist {

    private final ConcurrentMap<String, Long> until = new ConcurrentHashMap<>();
    private final long periodNanos;

    Blacklist(Duration period) {
        this.periodNanos = period.toNanos();
    }

    void add(String nodeId) {
        until.put(nodeId, System.nanoTime() + periodNanos);
    }

    void remove(String nodeId) {
        until.remove(nodeId);
    }

    boolean contains(String nodeId) {
        Long deadline = until.get(nodeId);
        if (deadline == null) {
            return false;
        }
        if (deadline - System.nanoTime() <= 0) {
            until.remove(nodeId, deadline);
            return false;
        }
        return true;
    }
}
