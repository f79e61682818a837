package micro.bot.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * At most {@code perMinute} commands per user in any minute-long window that starts with the user's
 * first command, so one user cannot keep the bot (and the services it calls) busy for others. The
 * table of users is bounded: beyond {@value #MAX_USERS} the longest-idle one is forgotten.
 */
final class RateLimit {

    static final int MAX_USERS = 10_000;
    private static final long WINDOW_NANOS = 60_000_000_000L;

    private record Window(long startNanos, int count) {
    }

    private final int perMinute;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_USERS;
        }
    };

    RateLimit(int perMinute, LongSupplier clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** The outcome of one more command from a user. */
    enum Verdict {
        /** Within the limit: run it. */
        PASS,
        /** The first one over the limit: say so once. */
        REFUSE_AND_SAY,
        /** Over the limit and already told: stay silent. */
        REFUSE
    }

    synchronized Verdict take(String user) {
        long now = clock.getAsLong();
        Window window = windows.get(user);
        if (window == null || now - window.startNanos() >= WINDOW_NANOS) {
            windows.put(user, new Window(now, 1));
            return Verdict.PASS;
        }
        windows.put(user, new Window(window.startNanos(), window.count() + 1));
        if (window.count() < perMinute) {
            return Verdict.PASS;
        }
        return window.count() == perMinute ? Verdict.REFUSE_AND_SAY : Verdict.REFUSE;
    }

    int perMinute() {
        return perMinute;
    }
}
