package micro.core.internal.listener;

import java.time.Duration;

import micro.api.registry.Registry;
import micro.api.registry.Service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registry calls that may fail: a registry that fails is logged once per outage and tried again at
 * the next interval, so a registry that comes up late still gets the entries.
 */
final class RegistrationFailures {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationFailures.class);

    private final String owner;
    private boolean failing; // worker only

    RegistrationFailures(String owner) {
        this.owner = owner;
    }

    void register(Registry registry, Service entry, Duration ttl) {
        try {
            registry.register(entry, ttl);
            if (failing) {
                failing = false;
                LOG.info("registry {} reachable again; {} registered", registry.name(), owner);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("{} cannot register {} in registry {}: {}; retrying every interval", owner, entry.name(),
                        registry.name(), e.getMessage());
            }
        }
    }

    void deregister(Registry registry, Service entry) {
        try {
            registry.deregister(entry);
        } catch (RuntimeException e) {
            LOG.warn("{} cannot deregister {} from registry {}: {}", owner, entry.name(), registry.name(), e.getMessage());
        }
    }
}
