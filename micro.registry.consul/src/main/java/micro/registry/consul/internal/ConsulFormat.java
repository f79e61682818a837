package micro.registry.consul.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import micro.api.registry.Endpoint;
import micro.api.registry.Node;
import micro.api.registry.Service;

/**
 * How a micro node is written as a Consul agent service, and read back. The choice: node metadata
 * and the version go to {@code Meta} (readable in Consul's UI and filterable), the version under
 * {@code micro-version}; each endpoint, whose schema outgrows Meta's 512-character values, goes to a
 * tag {@code micro-endpoint=<base64url JSON>}. go-micro packed all three into encoded tags; services
 * registered by other tools are read as plain nodes without endpoints.
 */
final class ConsulFormat {

    static final String VERSION_META = "micro-version";
    static final String ENDPOINT_TAG = "micro-endpoint=";

    private ConsulFormat() {
    }

    /** The body of {@code PUT /v1/agent/service/register} for one node. */
    static Map<String, Object> registration(Service service, Node node, long ttlSeconds, String deregisterAfter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ID", node.id());
        body.put("Name", service.name());
        List<String> tags = new ArrayList<>();
        for (Endpoint endpoint : service.endpoints()) {
            tags.add(ENDPOINT_TAG + Base64.getUrlEncoder().withoutPadding().encodeToString(json(endpoint)));
        }
        body.put("Tags", tags);
        Map<String, String> meta = new LinkedHashMap<>();
        node.metadata().forEach((key, value) -> meta.put(metaKey(key), value));
        meta.put(VERSION_META, service.version());
        body.put("Meta", meta);
        int colon = node.address().lastIndexOf(':');
        body.put("Address", colon < 0 ? node.address() : node.address().substring(0, colon));
        if (colon >= 0) {
            body.put("Port", Integer.parseInt(node.address().substring(colon + 1)));
        }
        if (ttlSeconds > 0) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("CheckID", checkId(node.id()));
            check.put("TTL", ttlSeconds + "s");
            check.put("Status", "passing"); // a re-registration must not flap the node to critical
            check.put("DeregisterCriticalServiceAfter", deregisterAfter);
            body.put("Check", check);
        }
        return body;
    }

    static String checkId(String nodeId) {
        return "service:" + nodeId;
    }

    /** One entry of {@code /v1/health/service/<name>} as a service of one node. */
    static Service fromHealthEntry(JsonNode entry) {
        JsonNode service = entry.path("Service");
        String name = service.path("Service").asText();
        String address = service.path("Address").asText("");
        if (address.isEmpty()) {
            address = entry.path("Node").path("Address").asText("");
        }
        int port = service.path("Port").asInt(0);
        Map<String, String> metadata = new LinkedHashMap<>();
        String version = "";
        for (Map.Entry<String, JsonNode> meta : iterable(service.path("Meta"))) {
            if (meta.getKey().equals(VERSION_META)) {
                version = meta.getValue().asText();
            } else {
                metadata.put(meta.getKey(), meta.getValue().asText());
            }
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (JsonNode tag : service.path("Tags")) {
            if (tag.asText().startsWith(ENDPOINT_TAG)) {
                endpoints.add(endpoint(tag.asText().substring(ENDPOINT_TAG.length())));
            }
        }
        Node node = new Node(service.path("ID").asText(), port > 0 ? address + ":" + port : address, metadata);
        return new Service(name, version, Map.of(), endpoints, List.of(node));
    }

    private static Endpoint endpoint(String encoded) {
        try {
            return ConsulClient.MAPPER.readValue(Base64.getUrlDecoder().decode(encoded), Endpoint.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable endpoint tag: " + e.getMessage(), e);
        }
    }

    private static byte[] json(Endpoint endpoint) {
        try {
            return ConsulClient.MAPPER.writeValueAsString(endpoint).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Consul Meta keys allow letters, digits, '-' and '_' only. */
    private static String metaKey(String key) {
        return key.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
