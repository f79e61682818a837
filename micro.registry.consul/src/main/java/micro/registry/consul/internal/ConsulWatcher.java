package micro.registry.consul.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import micro.api.registry.RegistryEvent;
import micro.api.registry.Service;
import micro.api.registry.support.Backoff;
import micro.api.registry.support.NodeChanges;

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
    private final NodeChanges known = new NodeChanges();
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
        Backoff backoff = new Backoff();
        while (!closed) {
            try {
                ConsulClient.Reply reply = client.get("/v1/catalog/services?index=" + index + "&wait=" + wait.toSeconds()
                        + "s", wait);
                index = reply.index() < index ? 0 : reply.index(); // an index going back means Consul reset
                Set<String> names = new HashSet<>(known.services());
                reply.body().fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    compare(name);
                }
                backoff.succeeded();
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                if (backoff.failed()) {
                    LOG.warn("consul watch failed ({}); retrying with backoff", e.getMessage());
                }
                if (!backoff.pause()) {
                    break;
                }
            }
        }
    }

    /** Reports how the passing nodes of {@code name} changed since the last look. */
    private void compare(String name) {
        known.compare(name, passingNodes.apply(name), sink);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
