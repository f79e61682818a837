package micro.shell.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import micro.api.registry.Endpoint;
import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.api.registry.Value;

/** Renders registry entries as the micro CLI shows them. */
final class ServiceText {

    private ServiceText() {
    }

    /** The {@code get service} view: each version with its nodes, then each endpoint with its schemas. */
    static String describe(List<Service> versions) {
        StringBuilder out = new StringBuilder();
        for (Service service : versions) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("service  ").append(service.name()).append("\n\n");
            out.append("version ").append(service.version()).append("\n\n");
            out.append("ID\tAddress\tPort\tMetadata\n");
            for (Node node : service.nodes()) {
                int colon = node.address().lastIndexOf(':');
                String host = colon < 0 ? node.address() : node.address().substring(0, colon);
                String port = colon < 0 ? "" : node.address().substring(colon + 1);
                out.append(node.id()).append('\t').append(host).append('\t').append(port).append('\t')
                        .append(pairs(node.metadata())).append('\n');
            }
            for (Endpoint endpoint : service.endpoints()) {
                out.append('\n').append("Endpoint: ").append(endpoint.name()).append('\n');
                if (!endpoint.metadata().isEmpty()) {
                    out.append("Metadata: ").append(pairs(endpoint.metadata())).append('\n');
                }
                out.append("Request:").append(schema(endpoint.request())).append('\n');
                out.append("Response:").append(schema(endpoint.response())).append('\n');
            }
        }
        return out.toString();
    }

    static String pairs(Map<String, String> metadata) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> entry : new TreeMap<>(metadata).entrySet()) {
            out.append(out.length() == 0 ? "" : ",").append(entry.getKey()).append('=').append(entry.getValue());
        }
        return out.toString();
    }

    /** A schema as a block: {@code {}} on the same line when empty, else one field a line below. */
    static String schema(Value value) {
        if (value == null || value.values().isEmpty()) {
            return " {}";
        }
        StringBuilder out = new StringBuilder("\n{\n");
        fields(out, value.values(), 1);
        return out.append('}').toString();
    }

    private static void fields(StringBuilder out, List<Value> values, int depth) {
        for (Value field : values) {
            out.append("\t".repeat(depth)).append(field.name()).append(' ').append(field.type());
            if (field.values().isEmpty()) {
                out.append('\n');
            } else {
                out.append(" {\n");
                fields(out, field.values(), depth + 1);
                out.append("\t".repeat(depth)).append("}\n");
            }
        }
    }
}
