package micro.core.internal.listener;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long registrations live and how often they are renewed, checked: a TTL of 0 or less would
 * mean "never expire" (a dead node would stay listed), and renewals must come before the TTL runs
 * out. A bad value is refused with one log line naming PID, key and value; the last good one stays.
 */
public record RegisterTimings(long ttlSeconds, long intervalSeconds) {

    private static final Logger LOG = LoggerFactory.getLogger(RegisterTimings.class);

    /** The Metatype defaults of {@code micro.server} and {@code micro.broker.http}. */
    public static final RegisterTimings DEFAULTS = new RegisterTimings(60, 30);

    /** The timings {@code pid} asks for, value by value, or {@code last}'s where a value is bad. */
    public static RegisterTimings of(String pid, long ttl, long interval, RegisterTimings last) {
        long checkedTtl = ttl;
        if (checkedTtl <= 0) {
            LOG.error("{} register.ttl = '{}' refused: expected a positive number of seconds; keeping {}", pid, ttl,
                    last.ttlSeconds());
            checkedTtl = last.ttlSeconds();
        }
        long checkedInterval = interval;
        if (checkedInterval <= 0 || checkedInterval >= checkedTtl) {
            long fallback = last.intervalSeconds() < checkedTtl ? last.intervalSeconds() : Math.max(1, checkedTtl / 2);
            LOG.error("{} register.interval = '{}' refused: expected 1 to {} seconds (below the TTL); keeping {}", pid,
                    interval, checkedTtl - 1, fallback);
            checkedInterval = fallback;
        }
        return new RegisterTimings(checkedTtl, checkedInterval);
    }

    public Duration ttl() {
        return Duration.ofSeconds(ttlSeconds);
    }

    public Duration interval() {
        return Duration.ofSeconds(intervalSeconds);
    }
}
