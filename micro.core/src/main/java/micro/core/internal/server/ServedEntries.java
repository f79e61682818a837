package micro.core.internal.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.core.internal.listener.RegisteredListener;

/**
 * The registry entries of the served services at one listener: one node each at its address, with the
 * configured metadata and the transport, registry and server that serve it. Withdrawn services (a
 * drain) are left out of what stays registered, but still deregistered.
 */
final class ServedEntries implements RegisteredListener.Entries {

    private final Map<String, ServedService> services;
    private volatile Map<String, String> configured;

    /** {@code metadata}: key=value pairs, as the {@code micro.server} configuration gives them. */
    ServedEntries(Map<String, ServedService> services, String[] metadata) {
        this.services = services;
        this.configured = pairs(metadata);
    }

    /** New metadata for the entries described from now on. */
    void metadata(String[] metadata) {
        configured = pairs(metadata);
    }

    @Override
    public List<Service> all(RegisteredListener.Published at) {
        return describe(services.values(), at);
    }

    @Override
    public List<Service> registered(RegisteredListener.Published at) {
        return describe(services.values().stream().filter(service -> !service.withdrawn()).toList(), at);
    }

    /** The entry of {@code service}, or null when it is no longer served or is withdrawn. */
    Service ifServed(ServedService service, RegisteredListener.Published at) {
        return services.get(service.name()) == service && !service.withdrawn() ? describe(service, at) : null;
    }

    Service describe(ServedService service, RegisteredListener.Published at) {
        return service.describe(nodeId(service, at), at.address() == null ? "" : at.address(), metadata(at));
    }

    /**
     * go-micro's {@code NAME-ID} over http; over another transport {@code NAME-ID-TRANSPORT}, so the
     * nodes of one service over two transports are two nodes in the registry.
     */
    static String nodeId(ServedService service, RegisteredListener.Published at) {
        String transport = at.transport() == null ? "http" : at.transport().name();
        return transport.equals("http") ? service.nodeId() : service.nodeId() + "-" + transport;
    }

    private List<Service> describe(Collection<ServedService> served, RegisteredListener.Published at) {
        List<Service> described = new ArrayList<>(served.size());
        for (ServedService service : served) {
            described.add(describe(service, at));
        }
        return described;
    }

    private Map<String, String> metadata(RegisteredListener.Published at) {
        Map<String, String> metadata = new LinkedHashMap<>(configured);
        metadata.put(Node.TRANSPORT, at.transport() == null ? "" : at.transport().name());
        metadata.put("registry", at.registry() == null ? "" : at.registry().name());
        metadata.put("server", "micro.core");
        return metadata;
    }

    private static Map<String, String> pairs(String[] pairs) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                metadata.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        return metadata;
    }
}
