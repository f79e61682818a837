package micro.api.registry;

import java.util.Map;

/** An endpoint such as {@code Say.Hello} with the schema of its request and response. */
public record Endpoint(String name, Value request, Value response, Map<String, String> metadata) {

    public Endpoint {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an endpoint needs a name");
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
