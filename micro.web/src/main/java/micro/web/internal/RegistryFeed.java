package micro.web.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import micro.api.registry.Registry;
import micro.api.registry.RegistryEvent;
import micro.api.registry.Watch;
import micro.edge.http.EdgeHandler;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /registry/events}: registry changes as server-sent events, so open pages update when
 * nodes come and go. One registry watch feeds every browser (no polling of the registry per page);
 * each browser's queue is bounded (a page that stops reading is dropped, it reconnects and reloads),
 * and a comment every 10 s keeps idle connections from timing out.
 */
final class RegistryFeed implements EdgeHandler, AutoCloseable {

    private static final int MAX_QUEUED = 256;

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "micro-web-feed");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    private Registry watched; // guarded by lock
    private Watch watch; // guarded by lock

    RegistryFeed() {
        heartbeat.scheduleAtFixedRate(() -> subscribers.forEach(subscriber -> subscriber.send(": keep-alive\n\n")), 10, 10,
                TimeUnit.SECONDS);
    }

    /** Watches {@code registry} from now on (null: none installed). */
    void watch(Registry registry) {
        synchronized (lock) {
            if (registry == watched) {
                return;
            }
            if (watch != null) {
                watch.close();
                watch = null;
            }
            watched = registry;
            if (registry != null) {
                watch = registry.watch(null, this::publish);
            }
        }
        publishText("{\"action\":\"reload\"}"); // another registry: pages load the list again
    }

    private void publish(RegistryEvent event) {
        publishText(WebJson.text(java.util.Map.of("action", event.type().name().toLowerCase(java.util.Locale.ROOT),
                "service", event.service())));
    }

    private void publishText(String json) {
        String frame = "data: " + json + "\n\n";
        subscribers.forEach(subscriber -> subscriber.send(frame));
    }

    int subscribers() {
        return subscribers.size();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        Subscriber subscriber = new Subscriber(response, callback);
        subscribers.add(subscriber);
        subscriber.send("retry: 2000\n\n");
        return true;
    }

    /** One open page: its queue, written one frame at a time. */
    private final class Subscriber {
        private final Response response;
        private final Callback done;
        private final Queue<String> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final AtomicBoolean writing = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();

        Subscriber(Response response, Callback done) {
            this.response = response;
            this.done = done;
        }

        void send(String frame) {
            if (closed.get()) {
                return;
            }
            if (queued.incrementAndGet() > MAX_QUEUED) {
                close(null); // it stopped reading: drop it; EventSource reconnects and the page reloads its list
                return;
            }
            queue.add(frame);
            flush();
        }

        private void flush() {
            if (!writing.compareAndSet(false, true)) {
                return;
            }
            String next = queue.poll();
            if (next == null) {
                writing.set(false);
                if (!queue.isEmpty()) {
                    flush();
                }
                return;
            }
            queued.decrementAndGet();
            response.write(false, ByteBuffer.wrap(next.getBytes(StandardCharsets.UTF_8)), Callback.from(() -> {
                writing.set(false);
                flush();
            }, this::close));
        }

        void close(Throwable failure) {
            if (closed.compareAndSet(false, true)) {
                subscribers.remove(this);
                if (failure == null) {
                    done.succeeded();
                } else {
                    done.failed(failure);
                }
            }
        }
    }

    /** Ends every open stream (their pages reconnect): a listener that stops need not wait for them. */
    void endStreams() {
        subscribers.forEach(subscriber -> subscriber.close(null));
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        synchronized (lock) {
            if (watch != null) {
                watch.close();
                watch = null;
            }
            watched = null;
        }
        subscribers.forEach(subscriber -> subscriber.close(null));
    }
}
