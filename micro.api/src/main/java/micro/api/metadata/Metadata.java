package micro.api.metadata;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The metadata of the call a thread serves, as go-micro's {@code metadata.FromContext} gives it, and
 * that call's deadline. The server binds it to the thread that runs a handler; the client reads it
 * there, so a call made while serving carries the metadata on, names the caller in
 * {@code Micro-From-Service} and ends by the served call's deadline.
 * <p>
 * Metadata are the headers whose names start with {@code Micro-} or {@code X-Micro-}, except those
 * that route a message ({@code Micro-Service}, {@code Micro-Endpoint}, {@code Micro-Id},
 * {@code Micro-Error}, {@code Micro-Topic}, {@code Micro-Queue}). Names compare case-insensitively.
 * A handler that answers on another thread (a {@code CompletionStage}) takes {@link #current()}
 * with it and runs its calls inside {@link #run(Runnable)} or {@link #call(Supplier)}.
 */
public final class Metadata {

    /** The service that made the call, set by the client of a call made while serving. */
    public static final String FROM_SERVICE = "Micro-From-Service";

    /** go-micro's header: the nanoseconds the caller still waits for the reply. */
    public static final String TIMEOUT = "Timeout";

    private static final Set<String> ROUTING = Set.of("micro-service", "micro-endpoint", "micro-id", "micro-error",
            "micro-topic", "micro-queue");
    private static final long NO_DEADLINE = Long.MIN_VALUE;
    private static final Metadata NONE = new Metadata(Map.of(), NO_DEADLINE, null);
    private static final ThreadLocal<Metadata> CURRENT = new ThreadLocal<>();

    private final Map<String, String> values;
    private final long deadlineNanos;
    private final String servedService;

    private Metadata(Map<String, String> values, long deadlineNanos, String servedService) {
        this.values = values;
        this.deadlineNanos = deadlineNanos;
        this.servedService = servedService;
    }

    /** The metadata of the call this thread serves; empty, without a deadline, when it serves none. */
    public static Metadata current() {
        Metadata bound = CURRENT.get();
        return bound == null ? NONE : bound;
    }

    /** No metadata, no deadline. */
    public static Metadata empty() {
        return NONE;
    }

    /** Whether a header is call metadata (see the class description). */
    public static boolean isMetadata(String headerName) {
        boolean prefixed = headerName.regionMatches(true, 0, "micro-", 0, 6) || headerName.regionMatches(true, 0, "x-micro-", 0, 8);
        return prefixed && !ROUTING.contains(headerName.toLowerCase(Locale.ROOT));
    }

    /**
     * The metadata of a request with {@code headers}, served by {@code service}: its metadata headers,
     * and a deadline from its {@code Timeout} header (none when absent or not a number of nanoseconds).
     */
    public static Metadata ofRequest(Map<String, String> headers, String service) {
        Map<String, String> values = null; // most calls carry none: no map for them
        long deadline = NO_DEADLINE;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (isMetadata(header.getKey())) {
                if (values == null) {
                    values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                }
                values.put(header.getKey(), header.getValue());
            } else if (header.getKey().equalsIgnoreCase(TIMEOUT)) {
                deadline = deadlineIn(header.getValue());
            }
        }
        return new Metadata(values == null ? Map.of() : Collections.unmodifiableMap(values), deadline, service);
    }

    private static long deadlineIn(String nanos) {
        try {
            long left = Long.parseLong(nanos.trim());
            return left < 0 ? NO_DEADLINE : System.nanoTime() + left;
        } catch (NumberFormatException e) {
            return NO_DEADLINE; // not ours to refuse the call for: it is served without a deadline
        }
    }

    /** The metadata, by name as received; names compare case-insensitively. */
    public Map<String, String> values() {
        return values;
    }

    /** One value, or null. */
    public String get(String name) {
        return values.get(name);
    }

    /** The service whose handler this thread runs; null outside a served call. */
    public String servedService() {
        return servedService;
    }

    /** The time left before the caller stops waiting; empty when it set no deadline. Zero once passed. */
    public Optional<Duration> remaining() {
        if (deadlineNanos == NO_DEADLINE) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
    }

    /** Whether the caller has stopped waiting: work on its behalf is wasted. */
    public boolean expired() {
        return deadlineNanos != NO_DEADLINE && deadlineNanos - System.nanoTime() <= 0;
    }

    /** These metadata with {@code name} set to {@code value}, for the calls made inside {@link #run}. */
    public Metadata with(String name, String value) {
        if (!isMetadata(name)) {
            throw new IllegalArgumentException("metadata names start with Micro- or X-Micro- and do not route a message: " + name);
        }
        Map<String, String> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        more.putAll(values);
        more.put(name, value);
        return new Metadata(Collections.unmodifiableMap(more), deadlineNanos, servedService);
    }

    /** These metadata with a deadline {@code timeout} from now, or the current one if that is sooner. */
    public Metadata withTimeout(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (deadlineNanos != NO_DEADLINE && deadlineNanos - deadline < 0) {
            deadline = deadlineNanos;
        }
        return new Metadata(values, deadline, servedService);
    }

    /** Binds these metadata to this thread until the returned scope is closed (which restores what was bound). */
    public Scope bind() {
        Metadata previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Runs {@code work} with these metadata bound: the calls it makes carry them. */
    public void run(Runnable work) {
        try (Scope bound = bind()) {
            work.run();
        }
    }

    /** Runs {@code work} with these metadata bound and returns what it returns. */
    public <T> T call(Supplier<T> work) {
        try (Scope bound = bind()) {
            return work.get();
        }
    }

    /** A binding of metadata to a thread; closing it restores what was bound before. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public String toString() {
        return values + remaining().map(left -> " (" + left.toMillis() + " ms left)").orElse("");
    }
}
