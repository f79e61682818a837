package micro.registry.kubernetes.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import micro.api.registry.RegistryEvent;
import micro.api.registry.Service;
import micro.api.registry.support.Backoff;
import micro.api.registry.support.NodeChanges;
import micro.api.registry.support.ServiceVersions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the Kubernetes watch of serving pods into registry events, as informers do: list the pods
 * (a fresh picture, whatever happened while not watching), then watch from that list's resource
 * version, keeping each pod's services; every change of a pod is compared, node by node, with what
 * was reported before. A watch the API server ends (its timeout, a 410 "too old") is followed by a
 * new list; failures back off up to 5 s and are logged once until a list works again.
 */
final class KubernetesWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesWatcher.class);
    private static final long WATCH_SECONDS = 60;

    private final KubernetesClient client;
    private final Consumer<RegistryEvent> sink;
    private final Thread thread;
    private final NodeChanges reported = new NodeChanges();
    private final Map<String, List<Service>> pods = new HashMap<>();
    private volatile InputStream stream;
    private volatile boolean closed;

    KubernetesWatcher(KubernetesClient client, Consumer<RegistryEvent> sink) {
        this.client = client;
        this.sink = sink;
        this.thread = new Thread(this::run, "micro-kubernetes-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        Backoff backoff = new Backoff();
        while (!closed) {
            try {
                String resourceVersion = relist();
                backoff.succeeded();
                watch(resourceVersion);
            } catch (RuntimeException | IOException e) {
                if (closed) {
                    break;
                }
                if (backoff.failed()) {
                    LOG.warn("kubernetes watch failed ({}); retrying with backoff", e.getMessage());
                }
                if (!backoff.pause()) {
                    break;
                }
            }
        }
    }

    /** Replaces what is known of the pods with a fresh list; the list's resource version. */
    private String relist() {
        JsonNode list = client.listPods(KubernetesFormat.selector(null));
        Set<String> touched = new HashSet<>(reported.services());
        pods.clear();
        for (JsonNode pod : list.path("items")) {
            List<Service> services = KubernetesFormat.services(pod);
            pods.put(KubernetesFormat.podName(pod), services);
            services.forEach(service -> touched.add(service.name()));
        }
        touched.forEach(this::compare);
        return list.path("metadata").path("resourceVersion").asText("");
    }

    private void watch(String resourceVersion) throws IOException {
        try (InputStream events = client.watchPods(KubernetesFormat.selector(null), resourceVersion, WATCH_SECONDS);
                BufferedReader lines = new BufferedReader(new InputStreamReader(events, StandardCharsets.UTF_8))) {
            stream = events;
            for (String line; !closed && (line = lines.readLine()) != null;) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = KubernetesClient.MAPPER.readTree(line);
                String type = event.path("type").asText();
                if (type.equals("ERROR")) {
                    return; // e.g. 410 Gone: the resource version is too old; list again
                }
                apply(type, event.path("object"));
            }
        } finally {
            stream = null;
        }
    }

    private void apply(String type, JsonNode pod) {
        String name = KubernetesFormat.podName(pod);
        List<Service> now = type.equals("DELETED") ? List.of() : KubernetesFormat.services(pod);
        List<Service> before = now.isEmpty() ? pods.remove(name) : pods.put(name, now);
        Set<String> touched = new HashSet<>();
        now.forEach(service -> touched.add(service.name()));
        if (before != null) {
            before.forEach(service -> touched.add(service.name()));
        }
        touched.forEach(this::compare);
    }

    private void compare(String service) {
        List<Service> entries = new ArrayList<>();
        for (List<Service> onPod : pods.values()) {
            onPod.stream().filter(entry -> entry.name().equals(service)).forEach(entries::add);
        }
        reported.compare(service, ServiceVersions.merge(entries), sink);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        InputStream open = stream;
        if (open != null) {
            try {
                open.close(); // ends a read blocked on the watch
            } catch (IOException e) {
                LOG.debug("closing the kubernetes watch: {}", e.toString());
            }
        }
    }
}
