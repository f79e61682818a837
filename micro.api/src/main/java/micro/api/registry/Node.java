package micro.api.registry;

import java.util.Map;

/** One running instance of a service: a unique id, a {@code host:port} address and free metadata. */
public record Node(String id, String address, Map<String, String> metadata) {

    /** Node metadata key naming the transport that serves the node, e.g. {@code http}. */
    public static final String TRANSPORT = "transport";

    public Node {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a node needs an id");
        }
        address = address == null ? "" : address;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public String metadata(String key) {
        return metadata.get(key);
    }
}
