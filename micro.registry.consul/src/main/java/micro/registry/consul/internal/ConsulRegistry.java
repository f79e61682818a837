package micro.registry.consul.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.RegistryListener;
import micro.api.registry.Service;
import micro.api.registry.Watch;
import micro.api.registry.support.RegistryListeners;
import micro.api.registry.support.ServiceVersions;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Consul registry: each node is an agent service with a TTL check that registrations pass; an
 * unchanged node re-registered only passes its check again. Lookups read the passing nodes
 * ({@code /v1/health/service/NAME?passing}); watches ride blocking queries. Started only when
 * configured (PID {@code micro.registry.consul}); ranks above the memory registry.
 */
@Component(service = Registry.class, configurationPid = "micro.registry.consul",
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = { Registry.PROPERTY + "=consul", "service.ranking:Integer=100" })
@Designate(ocd = ConsulRegistry.Config.class)
public final class ConsulRegistry implements Registry {

    private static final Logger LOG = LoggerFactory.getLogger(ConsulRegistry.class);

    @ObjectClassDefinition(name = "micro Consul registry", description = "Service discovery through a Consul agent.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "host:port of the local Consul agent's HTTP API.")
        String address() default "127.0.0.1:8500";

        @AttributeDefinition(name = "ACL token", description = "Sent as X-Consul-Token; empty for none.", type = AttributeType.PASSWORD)
        String token() default "";

        @AttributeDefinition(name = "TLS", description = "Talk HTTPS to an address given without a scheme.")
        boolean tls() default false;

        @AttributeDefinition(name = "Timeout (ms)", description = "Deadline of each Consul request.")
        long timeout_ms() default 5000;

        @AttributeDefinition(name = "Deregister critical after", description = "Consul removes a node whose check stays critical this long.")
        String deregister_critical_after() default "1m";

        @AttributeDefinition(name = "Watch wait (s)", description = "Longest wait of one blocking query of the watch.")
        long watch_wait_s() default 10;

        @AttributeDefinition(name = "Ranking", description = "service.ranking, above the memory registry's -100. "
                + "An Integer: in etc/PID.cfg write service.ranking = I\"150\" (config:property-set stores a String, "
                + "which OSGi ranks as 0).")
        int service_ranking() default 100;
    }

    private final ConsulClient client;
    private final String deregisterAfter;
    private final Duration watchWait;
    private final Map<String, String> registered = new ConcurrentHashMap<>();
    private final RegistryListeners listeners = new RegistryListeners((event, e) ->
            LOG.warn("registry watcher failed on {} of {}", event.type(), event.service().name(), e));
    private ConsulWatcher watcher;

    @Activate
    public ConsulRegistry(Config config) {
        this(new ConsulClient(config.address(), config.token(), config.tls(),
                Duration.ofMillis(positive("timeout.ms", config.timeout_ms(), 5000))),
                consulDuration(config.deregister_critical_after()), Duration.ofSeconds(positive("watch.wait.s", config.watch_wait_s(), 10)));
    }

    /** A value of 0 or less is refused with one log line naming PID, key and value; the default stays. */
    private static long positive(String key, long value, long fallback) {
        if (value > 0) {
            return value;
        }
        LOG.error("micro.registry.consul {} = '{}' refused: expected a positive number; keeping {}", key, value, fallback);
        return fallback;
    }

    /** Consul rejects a registration whose DeregisterCriticalServiceAfter is not a Go duration: refused here instead. */
    private static String consulDuration(String value) {
        if (value != null && value.trim().matches("(\\d+(\\.\\d+)?(ns|us|ms|s|m|h))+")) {
            return value.trim();
        }
        LOG.error("micro.registry.consul deregister.critical.after = '{}' refused: expected a duration such as 90s or 1m; keeping 1m",
                value);
        return "1m";
    }

    ConsulRegistry(ConsulClient client, String deregisterAfter, Duration watchWait) {
        this.client = client;
        this.deregisterAfter = deregisterAfter;
        this.watchWait = watchWait;
        LOG.info("consul registry at {}", client.address());
    }

    @Deactivate
    public synchronized void close() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        listeners.clear();
    }

    @Override
    public String name() {
        return "consul";
    }

    @Override
    public void register(Service service, Duration ttl) {
        // As the contract says: zero or negative never expires; a TTL under a second is a second.
        long seconds = ttl == null || ttl.isZero() || ttl.isNegative() ? 0 : Math.max(1, ttl.toSeconds());
        for (Node node : service.nodes()) {
            Map<String, Object> body = ConsulFormat.registration(service, node, seconds, deregisterAfter);
            String fingerprint = fingerprint(body);
            String check = "/v1/agent/check/pass/" + ConsulClient.encode(ConsulFormat.checkId(node.id()));
            if (fingerprint.equals(registered.get(node.id())) && (seconds == 0 || client.put(check, null) == 200)) {
                continue; // unchanged: passing the TTL check was all it took
            }
            client.put("/v1/agent/service/register", body);
            if (seconds > 0) {
                client.put(check, null);
            }
            registered.put(node.id(), fingerprint);
        }
    }

    @Override
    public void deregister(Service service) {
        for (Node node : service.nodes()) {
            client.put("/v1/agent/service/deregister/" + ConsulClient.encode(node.id()), null);
            registered.remove(node.id());
        }
    }

    @Override
    public List<Service> getService(String name) {
        JsonNode health = client.get("/v1/health/service/" + ConsulClient.encode(name) + "?passing", Duration.ZERO).body();
        List<Service> entries = new ArrayList<>();
        for (JsonNode entry : health) {
            Service node;
            try {
                node = ConsulFormat.fromHealthEntry(entry);
            } catch (RuntimeException e) {
                LOG.warn("skipping a consul entry of {}: {}", name, e.getMessage());
                continue;
            }
            entries.add(node);
        }
        return ServiceVersions.merge(entries);
    }

    @Override
    public List<Service> listServices() {
        JsonNode catalog = client.get("/v1/catalog/services", Duration.ZERO).body();
        List<Service> services = new ArrayList<>();
        catalog.fieldNames().forEachRemaining(name -> services.add(new Service(name, "", Map.of(), List.of(), List.of())));
        return services;
    }

    @Override
    public synchronized Watch watch(String service, RegistryListener listener) {
        Watch watch = listeners.add(service, listener);
        if (watcher == null) {
            watcher = new ConsulWatcher(client, this::getService, listeners::deliver, watchWait);
        }
        return watch;
    }


    private static String fingerprint(Map<String, Object> body) {
        try {
            return ConsulClient.MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
