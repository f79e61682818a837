package micro.edge.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.Service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an edge keeps in the registry: itself (the sidecar and the web dashboard register as
 * {@code micro.sidecar} and {@code micro.web}) and, for the sidecar, the apps of its configuration and
 * the services apps post to {@code /registry}. Each node is renewed every interval with the TTL (micro's sidecar
 * registered once and the entry went stale, micro#88), so it outlives a crashed sidecar by one TTL at
 * most; a node with a health URL is checked every health interval, deregistered while the check
 * fails and registered again when it passes; everything is deregistered when the sidecar stops.
 * Registry calls run on one worker thread, health checks on another, never on a request thread.
 */
public final class Registrations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);

    /** One node of one service, and its health. */
    private record Entry(Service service, AppHealth health, Duration ttl) {
        String key() {
            return key(service.name(), service.nodes().get(0).id());
        }

        static String key(String service, String node) {
            return service + "/" + node;
        }
    }

    private final Supplier<Registry> registry;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(daemon("micro-edge-register"));
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(daemon("micro-edge-health"));

    public Registrations(Supplier<Registry> registry, Duration interval, Duration healthInterval) {
        this.registry = registry;
        worker.scheduleAtFixedRate(this::renewAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        checks.scheduleWithFixedDelay(this::checkAll, healthInterval.toMillis(), healthInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Registers every node of {@code service} now and keeps them, renewed with {@code ttl};
     * {@code health} (or null) decides whether they stay.
     */
    public void add(Service service, URI health, Duration ttl) {
        for (Node node : service.nodes()) {
            Entry entry = new Entry(service.withNodes(List.of(node)), new AppHealth(health), ttl);
            entries.put(entry.key(), entry);
            if (health == null) {
                onWorker(() -> register(entry));
            } else {
                onChecks(() -> check(entry)); // registered once its check passes
            }
        }
    }

    /** Deregisters the nodes of {@code service} and forgets them; false when none of them was kept here. */
    public boolean remove(Service service) {
        boolean any = false;
        for (Node node : service.nodes()) {
            Entry entry = entries.remove(Entry.key(service.name(), node.id()));
            if (entry != null) {
                any = true;
                onWorker(() -> deregister(entry));
            }
        }
        return any;
    }

    /** The last health check of every kept node, by service/node. */
    public Map<String, AppHealth.Status> health() {
        Map<String, AppHealth.Status> statuses = new LinkedHashMap<>();
        entries.values().stream().sorted(java.util.Comparator.comparing(Entry::key))
                .forEach(entry -> statuses.put(entry.key(), entry.health().last()));
        return statuses;
    }

    /** Why {@code service}, kept here, has no healthy node right now; empty when it has one or is not kept here. */
    public java.util.Optional<String> whyDown(String service) {
        List<Entry> kept = entries.values().stream().filter(entry -> entry.service().name().equals(service)).toList();
        if (kept.isEmpty() || kept.stream().anyMatch(entry -> entry.health().last().healthy())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(kept.get(0).health().last().detail());
    }

    /**
     * Registry {@code gone} is going away (unbound: replaced by a better one, uninstalled, or stopped
     * before this edge at shutdown): every kept node leaves it now, while it still answers, waiting
     * up to 5 s, as the server's own registrations do; else they would linger there for a TTL.
     */
    public void registryGone(Registry gone) {
        List<Entry> all = List.copyOf(entries.values());
        Runnable leave = () -> all.forEach(entry -> deregister(gone, entry));
        try {
            worker.submit(leave).get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            leave.run();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("the {} registry did not take every deregistration within 5 s", gone.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A registry came (or a better one): register everything with it at once rather than at the next renewal. */
    public void registryChanged() {
        onWorker(this::renewAll);
    }

    private void renewAll() {
        for (Entry entry : entries.values()) {
            if (entry.health().last().healthy()) {
                register(entry);
            }
        }
    }

    private void checkAll() {
        for (Entry entry : entries.values()) {
            check(entry);
        }
    }

    private void check(Entry entry) {
        boolean was = entry.health().last().healthy();
        AppHealth.Status now = entry.health().check();
        if (!entries.containsKey(entry.key())) {
            return; // removed meanwhile
        }
        if (now.healthy() && !was) {
            LOG.info("{} is healthy ({}): registered", entry.key(), now.detail());
            onWorker(() -> register(entry));
        } else if (!now.healthy() && was) {
            LOG.warn("{} failed its health check ({}): deregistered until it passes", entry.key(), now.detail());
            onWorker(() -> deregister(entry));
        }
    }

    private void register(Entry entry) {
        Registry current = registry.get();
        if (current == null || !entries.containsKey(entry.key())) {
            return;
        }
        try {
            current.register(entry.service(), entry.ttl());
        } catch (RuntimeException e) {
            LOG.warn("cannot register {} with the {} registry: {}", entry.key(), current.name(), e.getMessage());
        }
    }

    private void deregister(Entry entry) {
        Registry current = registry.get();
        if (current != null) {
            deregister(current, entry);
        }
    }

    private void deregister(Registry current, Entry entry) {
        try {
            current.deregister(entry.service());
        } catch (RuntimeException e) {
            LOG.warn("cannot deregister {} from the {} registry: {}", entry.key(), current.name(), e.getMessage());
        }
    }

    /** Deregisters every node kept here (waiting up to 5 s for the registry), then stops. */
    @Override
    public void close() {
        checks.shutdownNow();
        List<Entry> all = List.copyOf(entries.values());
        entries.clear();
        worker.execute(() -> all.forEach(this::deregister));
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the registry did not take every deregistration within 5 s");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }

    /** Registry work; none once the sidecar stops (its last task deregisters everything). */
    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // closing: close() deregisters what is left
        }
    }

    private void onChecks(Runnable task) {
        try {
            checks.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // closing
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
