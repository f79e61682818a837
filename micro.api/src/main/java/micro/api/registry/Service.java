package micro.api.registry;

import java.util.List;
import java.util.Map;

/** A named, versioned service with its endpoints and the nodes that currently serve it. */
public record Service(String name, String version, Map<String, String> metadata, List<Endpoint> endpoints,
        List<Node> nodes) {

    public Service {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a service needs a name");
        }
        version = version == null ? "" : version;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** The same service holding other nodes. */
    public Service withNodes(List<Node> newNodes) {
        return new Service(name, version, metadata, endpoints, newNodes);
    }
}
