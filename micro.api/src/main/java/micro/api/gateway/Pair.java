package micro.api.gateway;

import java.util.List;

/** A header or parameter name with all its values. */
public record Pair(String key, List<String> values) {

    public Pair {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** The first value, or null. */
    public String value() {
        return values.isEmpty() ? null : values.get(0);
    }
}
