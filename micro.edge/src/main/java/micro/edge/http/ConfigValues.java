package micro.edge.http;

import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an edge's configuration value by value: a value that does not convert or make sense is
 * refused with one log line naming PID, key and value, and the last good value (the Metatype default
 * at first) stays in force, so a typo neither stops the edge nor leaves it silently waiting.
 */
public final class ConfigValues {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigValues.class);

    private final String pid;
    private final Map<String, ?> raw;

    /** @param raw the configuration as ConfigAdmin gave it, to name a refused value as it was typed */
    public ConfigValues(String pid, Map<String, ?> raw) {
        this.pid = pid;
        this.raw = raw == null ? Map.of() : raw;
    }

    /** What {@code read} gives, or {@code last} with one log line when it throws. */
    public <T> T value(String key, Supplier<T> read, T last, String expected) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            Object given = raw.get(key);
            LOG.error("{} {} = '{}' refused: expected {}; keeping {}", pid, key,
                    given instanceof String[] values ? String.join(",", values) : given, expected,
                    last instanceof String[] values ? String.join(",", values) : last);
            return last;
        }
    }

    /** {@code host:port} with a port of 0-65535; {@code :port} means 127.0.0.1. */
    public static String address(String address) {
        int colon = address.lastIndexOf(':');
        int port = Integer.parseInt(address.substring(colon + 1));
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return colon <= 0 ? "127.0.0.1:" + port : address;
    }

    public static long positive(long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("not positive: " + value);
        }
        return value;
    }

    public static String notBlank(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("blank");
        }
        return text.trim();
    }
}
