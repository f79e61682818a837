package micro.api.registry;

import java.util.List;

/** The schema of a request or response field: its name, its type name and, for structures, its fields. */
public record Value(String name, String type, List<Value> values) {

    public Value {
        name = name == null ? "" : name;
        type = type == null ? "" : type;
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static Value of(String name, String type) {
        return new Value(name, type, List.of());
    }
}
