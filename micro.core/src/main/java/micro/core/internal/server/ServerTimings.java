package micro.core.internal.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the server's registrations live and how often they are renewed, checked: a TTL of 0 or
 * less would mean "never expire" (a dead node would stay listed), and renewals must come before the
 * TTL runs out. A bad value is refused with one log line naming PID, key and value.
 */
record ServerTimings(long ttlSeconds, long intervalSeconds) {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTimings.class);

    static ServerTimings of(DefaultServer.Config config) {
        long ttl = config.register_ttl();
        if (ttl <= 0) {
            LOG.error("micro.server register.ttl = '{}' refused: expected a positive number of seconds; keeping 60", ttl);
            ttl = 60;
        }
        long interval = config.register_interval();
        if (interval <= 0 || interval >= ttl) {
            long fallback = Math.max(1, ttl / 2);
            LOG.error("micro.server register.interval = '{}' refused: expected 1 to {} seconds (below the TTL); keeping {}",
                    interval, ttl - 1, fallback);
            interval = fallback;
        }
        return new ServerTimings(ttl, interval);
    }
}
