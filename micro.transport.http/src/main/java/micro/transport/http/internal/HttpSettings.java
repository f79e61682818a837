package micro.transport.http.internal;

import java.util.function.LongPredicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Limits of the HTTP transport, fixed for the life of one component configuration. */
record HttpSettings(int maxBodyBytes, long idleTimeoutMillis, long drainTimeoutMillis, int maxThreads,
        int maxConnectionsPerNode, int maxStreams) {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSettings.class);
    private static final String PID = "micro.transport.http";

    /** The Metatype defaults. */
    static final HttpSettings DEFAULTS = new HttpSettings(10 * 1024 * 1024, 30_000, 10_000, 200, 64, 256);

    /**
     * The settings {@code config} asks for, value by value: a value out of range (a body limit of 0,
     * fewer threads than Jetty needs) is refused with one log line naming PID, key and value, and the
     * default stays, so a typo cannot leave the host without a transport.
     */
    static HttpSettings of(HttpTransport.Config config) {
        return new HttpSettings(
                (int) checked("max.body.bytes", config.max_body_bytes(), v -> v > 0, DEFAULTS.maxBodyBytes(), "a positive size"),
                checked("idle.timeout.ms", config.idle_timeout_ms(), v -> v > 0, DEFAULTS.idleTimeoutMillis(),
                        "a positive number of milliseconds"),
                checked("drain.timeout.ms", config.drain_timeout_ms(), v -> v >= 0, DEFAULTS.drainTimeoutMillis(),
                        "0 or more milliseconds"),
                (int) checked("max.threads", config.max_threads(), v -> v >= 8, DEFAULTS.maxThreads(),
                        "8 or more (Jetty's acceptor and selector take some)"),
                (int) checked("pool.size", config.pool_size(), v -> v > 0, DEFAULTS.maxConnectionsPerNode(), "1 or more"),
                (int) checked("max.streams", config.max_streams(), v -> v > 0, DEFAULTS.maxStreams(), "1 or more"));
    }

    private static long checked(String key, long value, LongPredicate valid, long fallback, String expected) {
        if (valid.test(value)) {
            return value;
        }
        LOG.error("{} {} = '{}' refused: expected {}; keeping {}", PID, key, value, expected, fallback);
        return fallback;
    }
}
