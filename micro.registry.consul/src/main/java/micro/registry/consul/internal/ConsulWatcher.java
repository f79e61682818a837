package micro.registry.consul.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import micro.api.registry.Node;
import micro.api.registry.RegistryEvent;
import micro.api.registry.Service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Consul's blocking queries into registry events: it waits on {@code /v1/catalog/services}
 * (returning on a change or after {@code wait}), then compares the passing nodes of every service
 * with what it saw before and reports the nodes created, updated and gone. Health changes show up
 * within one {@code wait} even when the catalog did not change.
 */
final class ConsulWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsulWatcher.class);

    private final ConsulClient client;
    private final Function<String, List<Service>> passingNodes;
    private final Consumer<RegistryEvent> sink;
    private final Duration wait;
    private final Thread thread;
    private final Map<String, Map<String, Service>> known = new HashMap<>();
    private volatile boolean closed;

    ConsulWatcher(ConsulClient client, Function<String, List<Service>> passingNodes, Consumer<RegistryEvent> sink,
            Duration wait) {
        this.client = client;
        this.passingNodes = passingNodes;
        this.sink = sink;
        this.wait = wait;
        this.thread = new Thread(this::run, "micro-consul-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        long index = 0;
        Duration backoff = Duration.ofMillis(100);
        boolean warned = false;
        while (!closed) {
            try {
                ConsulClient.Reply reply = client.get("/v1/catalog/services?index=" + index + "&wait=" + wait.toSeconds()
                        + "s", wait);
                index = reply.index() < index ? 0 : reply.index(); // an index going back means Consul reset
                Set<String> names = new HashSet<>(known.keySet());
                reply.body().fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    compare(name);
                }
                backoff = Duration.ofMillis(100);
                warned = false;
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                if (!warned) {
                    LOG.warn("consul watch failed ({}); retrying with backoff", e.getMessage());
                    warned = true;
                }
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    break;
                }
                backoff = backoff.multipliedBy(2).toMillis() > 5000 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
    }

    /** Reports how the passing nodes of {@code name} changed since the last look. */
    private void compare(String name) {
        Map<String, Service> now = new HashMap<>();
        for (Service version : passingNodes.apply(name)) {
            for (Node node : version.nodes()) {
                now.put(node.id(), version.withNodes(List.of(node)));
            }
        }
        Map<String, Service> before = known.getOrDefault(name, Map.of());
        for (Map.Entry<String, Service> entry : now.entrySet()) {
            Service previous = before.get(entry.getKey());
            if (previous == null) {
                sink.accept(new RegistryEvent(RegistryEvent.Type.CREATE, entry.getValue()));
            } else if (!previous.equals(entry.getValue())) {
                sink.accept(new RegistryEvent(RegistryEvent.Type.UPDATE, entry.getValue()));
            }
        }
        for (Iterator<Map.Entry<String, Service>> gone = before.entrySet().iterator(); gone.hasNext();) {
            Map.Entry<String, Service> entry = gone.next();
            if (!now.containsKey(entry.getKey())) {
                sink.accept(new RegistryEvent(RegistryEvent.Type.DELETE, entry.getValue()));
            }
        }
        if (now.isEmpty()) {
            known.remove(name);
        } else {
            known.put(name, now);
        }
    }


    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
