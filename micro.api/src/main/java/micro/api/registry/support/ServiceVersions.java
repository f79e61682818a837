package micro.api.registry.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import micro.api.registry.Node;
import micro.api.registry.Service;

/**
 * Joins the entries a registry stores for one service (etcd and Consul keep one per node) into one
 * {@link Service} per version, as {@link micro.api.registry.Registry#getService} answers: go-micro's
 * {@code registry.Merge}.
 */
public final class ServiceVersions {

    private ServiceVersions() {
    }

    /**
     * @param entries entries of one service, each with some nodes
     * @return one service per version, in the order the versions first appear, each with the nodes
     *         of all its entries (endpoints and metadata of the first entry of that version)
     */
    public static List<Service> merge(Iterable<Service> entries) {
        Map<String, List<Node>> nodes = new LinkedHashMap<>();
        Map<String, Service> first = new LinkedHashMap<>();
        for (Service entry : entries) {
            first.putIfAbsent(entry.version(), entry);
            nodes.computeIfAbsent(entry.version(), version -> new ArrayList<>()).addAll(entry.nodes());
        }
        List<Service> merged = new ArrayList<>(first.size());
        first.forEach((version, service) -> merged.add(service.withNodes(nodes.get(version))));
        return List.copyOf(merged);
    }
}
