package micro.registry.kubernetes.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import micro.api.MicroException;
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
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes registry, as go-plugins' was: a process registers its services on its own pod
 * (labels to find it, the service in an annotation; {@link KubernetesFormat}), lookups list the
 * running pods by label, watches follow the pods. There are no TTLs: a node lives as long as its
 * pod runs and carries it. Started only when configured (PID {@code micro.registry.kubernetes});
 * ranks above the memory registry.
 */
@Component(service = Registry.class, configurationPid = KubernetesRegistry.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = { Registry.PROPERTY + "=kubernetes", "service.ranking:Integer=100" })
@Designate(ocd = KubernetesRegistry.Config.class)
public final class KubernetesRegistry implements Registry {

    static final String PID = "micro.registry.kubernetes";
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesRegistry.class);
    private static final String ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount/";

    @ObjectClassDefinition(name = "micro Kubernetes registry", description = "Service discovery through the pods of a namespace.")
    public @interface Config {
        @AttributeDefinition(name = "API address", description = "The Kubernetes API server, https://host:port (host:port "
                + "is https); empty: in the cluster, from KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT.")
        String address() default "";

        @AttributeDefinition(name = "Namespace", description = "The namespace of the pods; empty: the service account's.")
        String namespace() default "";

        @AttributeDefinition(name = "Pod name", description = "The pod this process runs in, whose labels and annotations "
                + "it writes; empty: HOSTNAME, which Kubernetes sets to it.")
        String pod_name() default "";

        @AttributeDefinition(name = "Token file", description = "The service account's bearer token, read at each request.")
        String token_file() default ACCOUNT + "token";

        @AttributeDefinition(name = "CA file", description = "PEM certificates of the cluster CA the API server's is checked "
                + "against; missing: the JVM's trust store.")
        String ca_file() default ACCOUNT + "ca.crt";

        @AttributeDefinition(name = "Timeout (ms)", description = "Deadline of each API request.", min = "1")
        long timeout_ms() default 5000;

        @AttributeDefinition(name = "Ranking", description = "service.ranking, above the memory registry's -100.")
        int service_ranking() default 100;
    }

    private final KubernetesClient client;
    private final String podName;
    /** What this pod registered, by service name: its nodes of each. */
    private final Map<String, Service> mine = new LinkedHashMap<>();
    private final Map<String, JsonNode> written = new LinkedHashMap<>();
    private final RegistryListeners listeners = new RegistryListeners((event, e) ->
            LOG.warn("registry watcher failed on {} of {}", event.type(), event.service().name(), e));
    private KubernetesWatcher watcher;

    @Activate
    public KubernetesRegistry(Config config) {
        this(new KubernetesClient(apiAddress(config.address()), namespace(config.namespace()), Path.of(config.token_file()),
                KubernetesClient.trusting(Path.of(config.ca_file())), Duration.ofMillis(positive(config.timeout_ms()))),
                config.pod_name().isBlank() ? System.getenv().getOrDefault("HOSTNAME", "") : config.pod_name().trim());
    }

    KubernetesRegistry(KubernetesClient client, String podName) {
        this.client = client;
        this.podName = podName;
        LOG.info("kubernetes registry at {}, pod {}", client.address(), podName.isEmpty() ? "(none: cannot register)" : podName);
    }

    private static String apiAddress(String address) {
        String trimmed = address == null ? "" : address.trim();
        if (trimmed.isEmpty()) {
            String host = System.getenv("KUBERNETES_SERVICE_HOST");
            String port = System.getenv().getOrDefault("KUBERNETES_SERVICE_PORT", "443");
            if (host == null) {
                LOG.error("{} address is empty and KUBERNETES_SERVICE_HOST is not set (not in a pod?); trying https://127.0.0.1:6443",
                        PID);
                return "https://127.0.0.1:6443";
            }
            return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
        return trimmed.startsWith("http://") || trimmed.startsWith("https://") ? trimmed : "https://" + trimmed;
    }

    private static String namespace(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            return Files.readString(Path.of(ACCOUNT + "namespace")).trim();
        } catch (IOException e) {
            return "default";
        }
    }

    private static long positive(long millis) {
        if (millis > 0) {
            return millis;
        }
        LOG.error("{} timeout.ms = '{}' refused: expected a positive number of milliseconds; keeping 5000", PID, millis);
        return 5000;
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
        return "kubernetes";
    }

    /** Puts the nodes on this pod; {@code ttl} does not apply (a node lives with its pod). An unchanged one costs no request. */
    @Override
    public synchronized void register(Service service, Duration ttl) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        Service before = mine.get(service.name());
        if (before != null && before.version().equals(service.version())) {
            before.nodes().forEach(node -> nodes.put(node.id(), node));
        }
        service.nodes().forEach(node -> nodes.put(node.id(), node));
        Service merged = service.withNodes(List.copyOf(nodes.values()));
        write(service.name(), merged);
    }

    @Override
    public synchronized void deregister(Service service) {
        Service before = mine.get(service.name());
        if (before == null) {
            return;
        }
        Set<String> leaving = new LinkedHashSet<>();
        service.nodes().forEach(node -> leaving.add(node.id()));
        List<Node> left = before.nodes().stream().filter(node -> !leaving.contains(node.id())).toList();
        write(service.name(), left.isEmpty() ? null : before.withNodes(left));
    }

    private void write(String name, Service service) {
        if (podName.isEmpty()) {
            throw MicroException.unavailable(PID, "cannot register " + name + ": no pod name (set pod.name, or run in a pod, "
                    + "where HOSTNAME names it)");
        }
        JsonNode patch = service == null ? KubernetesFormat.deregistration(name) : KubernetesFormat.registration(service);
        if (patch.equals(written.get(name))) {
            return;
        }
        client.patchPod(podName, patch);
        written.put(name, patch);
        if (service == null) {
            mine.remove(name);
        } else {
            mine.put(name, service);
        }
    }

    @Override
    public List<Service> getService(String name) {
        List<Service> entries = new ArrayList<>();
        for (JsonNode pod : client.listPods(KubernetesFormat.selector(name)).path("items")) {
            KubernetesFormat.services(pod).stream().filter(service -> service.name().equals(name)).forEach(entries::add);
        }
        return ServiceVersions.merge(entries);
    }

    @Override
    public List<Service> listServices() {
        Map<String, Service> versions = new LinkedHashMap<>();
        for (JsonNode pod : client.listPods(KubernetesFormat.selector(null)).path("items")) {
            for (Service service : KubernetesFormat.services(pod)) {
                versions.putIfAbsent(service.name() + "\n" + service.version(), service.withNodes(List.of()));
            }
        }
        return List.copyOf(versions.values());
    }

    @Override
    public synchronized Watch watch(String service, RegistryListener listener) {
        Watch watch = listeners.add(service, listener);
        if (watcher == null) {
            watcher = new KubernetesWatcher(client, listeners::deliver);
        }
        return watch;
    }
}
