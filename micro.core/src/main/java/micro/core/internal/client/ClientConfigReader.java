package micro.core.internal.client;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import micro.api.client.RetryPolicy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code micro.client} configuration value by value: a value that does not convert or is
 * out of range is refused with one log line naming PID, key and value, and the last good value (the
 * Metatype default at first) stays in force, so a typo cannot take the client, and every component
 * that calls through it, down.
 */
final class ClientConfigReader {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConfigReader.class);
    private static final String PID = "micro.client";

    private final Map<String, ?> raw;

    ClientConfigReader(Map<String, ?> raw) {
        this.raw = raw == null ? Map.of() : raw;
    }

    /** The settings {@code config} asks for, value by value, or {@code last}'s where a value is bad. */
    ClientSettings read(DefaultClient.Config config, ClientSettings last) {
        Duration timeout = value("request.timeout.ms", () -> positiveMillis(config.request_timeout_ms()), last.timeout(),
                "a positive number of milliseconds");
        int retries = value("retries", () -> atLeastZero(config.retries()), last.retries(), "0 or more");
        Duration backoff = value("backoff.ms", () -> Duration.ofMillis(atLeastZero(config.backoff_ms())), last.backoff(),
                "0 or more milliseconds");
        String contentType = value("content.type", () -> notBlank(config.content_type()), last.contentType(),
                "a content type such as application/json");
        RetryPolicy retryPolicy = value("retry.policy", () -> RetryPolicy.named(config.retry_policy()), last.retryPolicy(),
                "server_errors, server_errors_and_timeouts or never");
        return new ClientSettings(timeout, retries, backoff, contentType, retryPolicy);
    }

    boolean localCalls(DefaultClient.Config config, boolean last) {
        return value("local.calls", config::local_calls, last, "true or false");
    }

    private <T> T value(String key, Supplier<T> read, T last, String expected) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            LOG.error("{} {} = '{}' refused: expected {}; keeping {}", PID, key, raw.get(key), expected, shown(last));
            return last;
        }
    }

    private static Object shown(Object value) {
        return value instanceof Duration d ? d.toMillis() : value instanceof RetryPolicy.Named named ? named.configName() : value;
    }

    private static Duration positiveMillis(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException();
        }
        return Duration.ofMillis(millis);
    }

    private static <N extends Number> N atLeastZero(N number) {
        if (number.longValue() < 0) {
            throw new IllegalArgumentException();
        }
        return number;
    }

    private static String notBlank(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException();
        }
        return text.trim();
    }
}
