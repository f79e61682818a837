package micro.core.internal.wrapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Constants;

/**
 * The wrappers of one kind registered right now, in the order they run: highest
 * {@code service.ranking} first (outermost), the older registration first on a tie, as OSGi ranks
 * services. Calls take a {@link #snapshot()} when they start, so a wrapper that comes or goes
 * changes the calls that start afterwards, never one in flight.
 */
public final class RankedWrappers<T> {

    private record Ranked<T>(T wrapper, int ranking, long serviceId) {
    }

    private static final Comparator<Ranked<?>> ORDER = Comparator.<Ranked<?>>comparingInt(Ranked::ranking).reversed()
            .thenComparingLong(Ranked::serviceId);

    private final List<Ranked<T>> registered = new ArrayList<>();
    private volatile List<T> snapshot = List.of();

    /** Adds {@code wrapper}, or moves it when its ranking changed ({@code properties} as DS passes them). */
    public synchronized void add(T wrapper, Map<String, ?> properties) {
        registered.removeIf(ranked -> ranked.wrapper() == wrapper);
        registered.add(new Ranked<>(wrapper, ranking(properties), serviceId(properties)));
        registered.sort(ORDER);
        publish();
    }

    public synchronized void remove(T wrapper) {
        if (registered.removeIf(ranked -> ranked.wrapper() == wrapper)) {
            publish();
        }
    }

    /** The wrappers in the order they run, outermost first; never changes once returned. */
    public List<T> snapshot() {
        return snapshot;
    }

    private void publish() {
        snapshot = registered.stream().map(Ranked::wrapper).toList();
    }

    /** OSGi's rule: a ranking that is not an Integer counts as 0. */
    private static int ranking(Map<String, ?> properties) {
        return properties != null && properties.get(Constants.SERVICE_RANKING) instanceof Integer ranking ? ranking : 0;
    }

    private static long serviceId(Map<String, ?> properties) {
        return properties != null && properties.get(Constants.SERVICE_ID) instanceof Long id ? id : Long.MAX_VALUE;
    }
}
