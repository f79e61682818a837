package micro.registry.etcd.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.RegistryEvent;
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
 * The etcd registry, in go-micro's format: one key {@code PREFIX<service>/<node-id>} per node, whose
 * value is the JSON of the service holding only that node, attached to a lease of the register TTL.
 * Registering an unchanged node again only renews its lease. Ranks above the memory registry, so
 * installing it moves servers and clients to etcd. Started only when configured (PID
 * {@code micro.registry.etcd}).
 */
@Component(service = Registry.class, configurationPid = "micro.registry.etcd",
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = { Registry.PROPERTY + "=etcd", "service.ranking:Integer=100" })
@Designate(ocd = EtcdRegistry.Config.class)
public final class EtcdRegistry implements Registry {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdRegistry.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @ObjectClassDefinition(name = "micro etcd registry", description = "Service discovery through etcd v3.")
    public @interface Config {
        @AttributeDefinition(name = "Endpoints", description = "Comma-separated etcd client addresses, tried in order.")
        String endpoints() default "127.0.0.1:2379";

        @AttributeDefinition(name = "Prefix", description = "Key prefix of the registry entries (go-micro's default).")
        String prefix() default "/micro/registry/";

        @AttributeDefinition(name = "User", description = "etcd user, when etcd has authentication on.")
        String username() default "";

        @AttributeDefinition(name = "Password", description = "Password of the etcd user.", type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(name = "TLS", description = "Talk HTTPS to endpoints given without a scheme.")
        boolean tls() default false;

        @AttributeDefinition(name = "Timeout (ms)", description = "Deadline of each etcd request.")
        long timeout_ms() default 5000;

        @AttributeDefinition(name = "Ranking", description = "service.ranking, above the memory registry's -100. "
                + "An Integer: in etc/PID.cfg write service.ranking = I\"150\" (config:property-set stores a String, "
                + "which OSGi ranks as 0).")
        int service_ranking() default 100;
    }

    private record Lease(long id, String value, long seconds) {
    }

    private final EtcdSettings settings;
    private final EtcdClient client;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final RegistryListeners listeners = new RegistryListeners((event, e) ->
            LOG.warn("registry watcher failed on {} of {}", event.type(), event.service().name(), e));
    // One thread, off the watch stream's: restoring expired registrations talks to etcd.
    private final java.util.concurrent.ExecutorService restorer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "micro-etcd-restore");
        thread.setDaemon(true);
        return thread;
    });
    private EtcdWatcher watcher;

    @Activate
    public EtcdRegistry(Config config) {
        this(EtcdSettings.of(config.endpoints(), config.prefix(), config.username(), config.password(), config.tls(),
                config.timeout_ms()));
    }

    EtcdRegistry(EtcdSettings settings) {
        this.settings = settings;
        this.client = new EtcdClient(settings);
        LOG.info("etcd registry at {} (prefix {})", String.join(", ", settings.endpoints()), settings.prefix());
    }

    @Deactivate
    public synchronized void close() {
        restorer.shutdownNow();
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        listeners.clear();
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public void register(Service service, Duration ttl) {
        // As the contract says: zero or negative never expires; a TTL under a second is a second (etcd's unit).
        long seconds = ttl == null || ttl.isZero() || ttl.isNegative() ? 0 : Math.max(1, ttl.toSeconds());
        for (Node node : service.nodes()) {
            String key = key(service.name(), node.id());
            String value = encode(service.withNodes(List.of(node)));
            Lease known = leases.get(key);
            if (known != null && known.value().equals(value) && known.seconds() == seconds
                    && (known.id() == 0 || client.keepAlive(known.id()))) {
                continue; // unchanged (TTL too) and still alive: the renewal was all it took
            }
            long lease = seconds > 0 ? client.grant(seconds) : 0;
            client.put(key, value.getBytes(StandardCharsets.UTF_8), lease);
            leases.put(key, new Lease(lease, value, seconds));
        }
    }

    @Override
    public void deregister(Service service) {
        for (Node node : service.nodes()) {
            String key = key(service.name(), node.id());
            leases.remove(key); // first: the delete's own watch event must not look like a lost lease
            client.delete(key);
        }
    }

    @Override
    public List<Service> getService(String name) {
        List<Service> entries = new ArrayList<>();
        for (KeyValue kv : client.range(settings.prefix() + clean(name) + "/")) {
            Service entry = decode(kv);
            if (entry == null || !entry.name().equals(name)) {
                continue;
            }
            entries.add(entry);
        }
        return ServiceVersions.merge(entries);
    }

    @Override
    public List<Service> listServices() {
        Map<String, Service> services = new LinkedHashMap<>();
        for (KeyValue kv : client.range(settings.prefix())) {
            Service entry = decode(kv);
            if (entry != null) {
                services.putIfAbsent(entry.name() + "\u0000" + entry.version(), entry.withNodes(List.of()));
            }
        }
        return List.copyOf(services.values());
    }

    @Override
    public synchronized Watch watch(String service, RegistryListener listener) {
        Watch watch = listeners.add(service, listener);
        if (watcher == null) {
            watcher = new EtcdWatcher(client, settings.prefix(), this::onChange, this::onResync);
        }
        return watch;
    }


    private void onChange(EtcdWatcher.Change change) {
        RegistryEvent event;
        if (change.delete()) {
            restoreIfOurs(change.kv().key());
            Service gone = change.previous() != null ? decode(change.previous()) : fromKey(change.kv().key());
            if (gone == null) {
                return;
            }
            event = new RegistryEvent(RegistryEvent.Type.DELETE, gone);
        } else {
            Service put = decode(change.kv());
            if (put == null) {
                return;
            }
            boolean created = change.kv().createRevision() == change.kv().modRevision();
            event = new RegistryEvent(created ? RegistryEvent.Type.CREATE : RegistryEvent.Type.UPDATE, put);
        }
        listeners.deliver(event);
    }

    /**
     * A key of ours went without our deregistering it: its lease expired, typically every lease at
     * once after etcd was frozen or cut off longer than the TTL. The node is alive (this process
     * registers it), so it is put back at once with a new lease instead of at the next renewal.
     */
    private void restoreIfOurs(String key) {
        Lease lost = leases.get(key);
        if (lost == null) {
            return;
        }
        restorer.execute(() -> {
            if (leases.get(key) != lost) {
                return; // deregistered or registered anew meanwhile
            }
            try {
                long lease = lost.seconds() > 0 ? client.grant(lost.seconds()) : 0;
                client.put(key, lost.value().getBytes(StandardCharsets.UTF_8), lease);
                leases.replace(key, lost, new Lease(lease, lost.value(), lost.seconds()));
                LOG.info("registration {} expired in etcd while this node lives: registered again", key);
            } catch (RuntimeException e) {
                LOG.warn("cannot restore the expired registration {}: {}; the next renewal tries again", key, e.getMessage());
            }
        });
    }

    /** After a reconnect: tell the watchers every service may have changed, so caches refill. */
    private void onResync() {
        try {
            for (Service service : listServices()) {
                listeners.deliver(new RegistryEvent(RegistryEvent.Type.UPDATE, service));
            }
        } catch (RuntimeException e) {
            LOG.debug("cannot resync after reconnect: {}", e.getMessage());
        }
    }

    /** The entry, or null (with a warning) for someone else's JSON under our prefix. */
    private Service decode(KeyValue kv) {
        try {
            return MAPPER.readValue(kv.value(), Service.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("skipping etcd key {}: not a micro registry entry ({})", kv.key(), e.getMessage());
            return null;
        }
    }

    private Service fromKey(String key) {
        String rest = key.startsWith(settings.prefix()) ? key.substring(settings.prefix().length()) : key;
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return null;
        }
        return new Service(rest.substring(0, slash), "", Map.of(), List.of(),
                List.of(new Node(rest.substring(slash + 1), "", Map.of())));
    }

    private static String encode(Service service) {
        try {
            return MAPPER.writeValueAsString(service);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + service.name(), e);
        }
    }

    private String key(String service, String nodeId) {
        return settings.prefix() + clean(service) + "/" + clean(nodeId);
    }

    /** As go-micro: a slash inside a name would add a level to the key. */
    private static String clean(String part) {
        return part.replace('/', '-');
    }
}
