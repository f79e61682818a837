package micro.edge.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configuration change of an edge that restarts its listener in place (the component and its
 * service stay): stop, start on the new settings, and when they cannot start (a port in use), start
 * again on the last good ones with one log line, so a bad change never leaves the edge down.
 */
public final class Reconfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(Reconfiguration.class);

    /** Starts an edge on settings {@code S}. */
    @FunctionalInterface
    public interface Start<S> {
        void start(S settings) throws Exception;
    }

    /** Stops what {@link Start} started. */
    @FunctionalInterface
    public interface Stop {
        void stop() throws Exception;
    }

    private Reconfiguration() {
    }

    /** The settings in force afterwards: {@code next}, or {@code last} when {@code next} could not start. */
    public static <S> S apply(String pid, S last, S next, Stop stop, Start<S> start) throws Exception {
        stop.stop();
        try {
            start.start(next);
            return next;
        } catch (RuntimeException e) {
            LOG.error("{}: the new listener was refused ({}); back on the last good configuration", pid, e.getMessage());
            start.start(last);
            return last;
        }
    }
}
