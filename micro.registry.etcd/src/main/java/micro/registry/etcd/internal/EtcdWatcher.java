package micro.registry.etcd.internal;

import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import micro.api.registry.support.Backoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the changes under a prefix on a thread of its own. A broken stream is reopened with a
 * doubling backoff from the revision after the last one seen, so no change is missed while etcd was
 * away; after each reconnect {@code onResync} runs so the registry can refresh what it tells others.
 */
final class EtcdWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdWatcher.class);

    /** One change: {@code delete} or put, the key-value after it and, for deletes, the one before. */
    record Change(boolean delete, KeyValue kv, KeyValue previous) {
    }

    private final EtcdClient client;
    private final String prefix;
    private final Consumer<Change> onChange;
    private final Runnable onResync;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Stream<String> stream;
    private long revision;

    EtcdWatcher(EtcdClient client, String prefix, Consumer<Change> onChange, Runnable onResync) {
        this.client = client;
        this.prefix = prefix;
        this.onChange = onChange;
        this.onResync = onResync;
        this.thread = new Thread(this::run, "micro-etcd-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        Backoff backoff = new Backoff();
        boolean reconnecting = false;
        while (!closed) {
            try (Stream<String> lines = client.watch(prefix, revision > 0 ? revision + 1 : 0)) {
                stream = lines;
                if (reconnecting) {
                    LOG.info("etcd watch of {} restored", prefix);
                    onResync.run();
                }
                backoff.succeeded();
                lines.forEach(this::onLine);
            } catch (Exception e) {
                if (closed) {
                    break;
                }
                if (backoff.failed()) {
                    LOG.warn("etcd watch of {} lost ({}); reconnecting with backoff", prefix, e.getMessage());
                }
            }
            if (closed) {
                break;
            }
            reconnecting = true;
            if (!backoff.pause()) {
                break;
            }
        }
    }

    private void onLine(String line) {
        if (line.isBlank()) {
            return;
        }
        try {
            JsonNode result = EtcdClient.MAPPER.readTree(line).path("result");
            long seen = result.path("header").path("revision").asLong(0);
            if (result.path("compact_revision").asLong(0) > 0) {
                revision = 0; // history is gone: start over from now and refresh everything
                onResync.run();
                return;
            }
            for (JsonNode event : result.path("events")) {
                boolean delete = "DELETE".equals(event.path("type").asText("PUT"));
                KeyValue previous = event.hasNonNull("prev_kv") ? EtcdClient.keyValue(event.get("prev_kv")) : null;
                onChange.accept(new Change(delete, EtcdClient.keyValue(event.path("kv")), previous));
            }
            revision = Math.max(revision, seen);
        } catch (Exception e) {
            LOG.warn("skipping an etcd watch message that cannot be read: {}", e.getMessage());
        }
    }


    @Override
    public void close() {
        closed = true;
        Stream<String> open = stream;
        if (open != null) {
            open.close();
        }
        thread.interrupt();
    }
}
