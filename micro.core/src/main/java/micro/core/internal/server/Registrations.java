package micro.core.internal.server;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import micro.api.registry.Registry;
import micro.api.registry.Service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the served services into a registry. A registry that fails is logged once per outage and
 * tried again at the next interval, so a registry that comes up late still gets the services.
 */
final class Registrations {

    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);

    private final Duration ttl;
    private volatile boolean failing;

    Registrations(Duration ttl) {
        this.ttl = ttl;
    }

    void registerAll(Registry registry, Collection<ServedService> services, String address, Map<String, String> metadata) {
        for (ServedService service : services) {
            register(registry, service, address, metadata);
        }
    }

    void register(Registry registry, ServedService service, String address, Map<String, String> metadata) {
        try {
            registry.register(service.describe(address, metadata), ttl);
            if (failing) {
                failing = false;
                LOG.info("registry {} reachable again; services registered", registry.name());
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("cannot register {} in registry {}: {}; retrying every interval", service.name(), registry.name(),
                        e.getMessage());
            }
        }
    }

    void deregisterAll(Registry registry, Collection<ServedService> services, String address, Map<String, String> metadata) {
        for (ServedService service : services) {
            deregister(registry, service, address, metadata);
        }
    }

    void deregister(Registry registry, ServedService service, String address, Map<String, String> metadata) {
        try {
            Service described = service.describe(address, metadata);
            registry.deregister(described);
        } catch (RuntimeException e) {
            LOG.warn("cannot deregister {} from registry {}: {}", service.name(), registry.name(), e.getMessage());
        }
    }
}
