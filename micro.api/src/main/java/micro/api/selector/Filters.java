package micro.api.selector;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import micro.api.registry.Node;
import micro.api.registry.Service;

/**
 * go-micro's selector filters: by version and by endpoint (on the versions of a service), by metadata
 * label (on nodes). Combine them with {@link Predicate#and}.
 */
public final class Filters {

    private Filters() {
    }

    /** Only the nodes of these versions ({@code FilterVersion}). */
    public static Predicate<Service> version(String... versions) {
        Set<String> accepted = Set.of(versions);
        return new Described<>(service -> accepted.contains(service.version()), "version " + String.join(" or ", accepted));
    }

    /** Only the versions that serve {@code endpoint} ({@code FilterEndpoint}). */
    public static Predicate<Service> endpoint(String endpoint) {
        return new Described<>(service -> service.endpoints().stream().anyMatch(e -> e.name().equals(endpoint)),
                "endpoint " + endpoint);
    }

    /** Only the nodes whose metadata has {@code key} set to {@code value} ({@code FilterLabel}). */
    public static Predicate<Node> label(String key, String value) {
        return new Described<>(node -> Objects.equals(node.metadata().get(key), value), key + "=" + value);
    }

    /** A filter that says what it accepts, so that "no node" can say which filter left none. */
    private record Described<T>(Predicate<T> test, String text) implements Predicate<T> {
        @Override
        public boolean test(T value) {
            return test.test(value);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
