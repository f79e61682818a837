package micro.edge.http;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.StatisticsHandler;

/**
 * What {@code /stats} tells about an edge (micro's {@code --enable_stats}): when it started, its JVM
 * (memory, threads, garbage collection), and the requests it answered by status class in 5-second
 * buckets over the last 2 minutes. Requests are counted by Jetty's {@link StatisticsHandler} from the
 * status each response really had (micro counted every request as 20x: its status wrapper was never
 * passed down); a WebSocket upgrade counts as 1xx and passes through untouched. One component for
 * the gateway, the sidecar and the web dashboard.
 */
public final class EdgeStats implements AutoCloseable {

    public static final Duration BUCKET = Duration.ofSeconds(5);
    public static final int BUCKETS = 24; // two minutes
    private static final String[] CLASSES = { "1xx", "2xx", "3xx", "4xx", "5xx" };
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The requests of one bucket, by status class. */
    private record Bucket(long start, long[] counts) {
    }

    private final StatisticsHandler counter;
    private final Instant started = Instant.now();
    private final Deque<Bucket> buckets = new ArrayDeque<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "micro-edge-stats");
        thread.setDaemon(true);
        return thread;
    });
    private long[] sampled = new long[CLASSES.length];
    private long bucketStart = System.currentTimeMillis();

    public EdgeStats() {
        counter = new StatisticsHandler();
        sampler.scheduleAtFixedRate(this::sample, BUCKET.toMillis(), BUCKET.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Counts what {@code handler} answers: serve the handler returned in its place. */
    public Handler around(Handler handler) {
        counter.setHandler(handler);
        return counter;
    }

    private long[] totals() {
        return new long[] { counter.getResponses1xx(), counter.getResponses2xx(), counter.getResponses3xx(),
                counter.getResponses4xx(), counter.getResponses5xx() };
    }

    private synchronized void sample() {
        long[] now = totals();
        long[] delta = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            delta[i] = now[i] - sampled[i];
        }
        sampled = now;
        buckets.addLast(new Bucket(bucketStart, delta));
        bucketStart = System.currentTimeMillis();
        while (buckets.size() > BUCKETS) {
            buckets.removeFirst();
        }
    }

    /** The stats as JSON: started, uptime, memory, threads, gc, requests (totals and buckets, oldest first). */
    public synchronized byte[] json() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("started", started.toString());
        stats.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        stats.put("memory", Map.of("heap_used_bytes", heap.getUsed(), "heap_committed_bytes", heap.getCommitted(),
                "heap_max_bytes", heap.getMax()));
        stats.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        List<Map<String, Object>> gc = new ArrayList<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc.add(Map.of("name", collector.getName(), "count", collector.getCollectionCount(), "time_ms",
                    collector.getCollectionTime()));
        }
        stats.put("gc", gc);
        long[] now = totals();
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("total", classes(now));
        requests.put("active", counter.getRequestsActive());
        requests.put("bucket_seconds", BUCKET.toSeconds());
        List<Map<String, Object>> series = new ArrayList<>();
        for (Bucket bucket : buckets) {
            series.add(bucket(bucket.start(), bucket.counts()));
        }
        long[] current = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            current[i] = now[i] - sampled[i];
        }
        series.add(bucket(bucketStart, current)); // the bucket still filling
        requests.put("buckets", series);
        stats.put("requests", requests);
        try {
            return MAPPER.writeValueAsBytes(stats);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> bucket(long start, long[] counts) {
        Map<String, Object> bucket = new LinkedHashMap<>();
        bucket.put("start", start);
        bucket.putAll(classes(counts));
        return bucket;
    }

    private static Map<String, Object> classes(long[] counts) {
        Map<String, Object> byClass = new LinkedHashMap<>();
        for (int i = 0; i < CLASSES.length; i++) {
            byClass.put(CLASSES[i], counts[i]);
        }
        return byClass;
    }

    /** {@code GET /stats}: the JSON above. */
    public EdgeHandler route() {
        return (request, response, callback) -> {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(json()), callback);
            return true;
        };
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
