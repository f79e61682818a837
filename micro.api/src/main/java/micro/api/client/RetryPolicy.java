package micro.api.client;

import java.util.Locale;

import micro.api.MicroException;

/**
 * Whether a call tries again after an attempt failed: go-micro's {@code RetryFunc}, one named,
 * replaceable piece. A client setting ({@code micro.client retry.policy}) names the default, and
 * {@link CallOptions#withRetryPolicy} replaces it for one call.
 * <p>
 * The policy is asked only about the failures it can decide. The rest is fixed, because the client's
 * deadline covers the whole call, every attempt and pause included (as go-micro's context deadline):
 * <ul>
 * <li>a node that cannot be reached ({@link micro.api.transport.TransportException}) never ran the
 * request: the call goes on to the next node at once, and that costs no retry;</li>
 * <li>a call whose deadline is spent ends with 408; there is no time left for another attempt;</li>
 * <li>no node at all (a restart's gap, a 503 from the selector) makes the call wait for one within
 * its deadline, costing no retry either.</li>
 * </ul>
 * Any other error reply is retried, on the next node and after the backoff, when retries are left and
 * the policy says yes.
 * <p>
 * The default, {@link Named#SERVER_ERRORS}, retries 5xx replies only. go-micro v1's default also
 * retried a 408: here a timeout reported by the service itself means that service is already slow,
 * and sending it the same work again makes it slower for everyone; pick
 * {@link Named#SERVER_ERRORS_AND_TIMEOUTS} to get go-micro's behaviour back.
 */
@FunctionalInterface
public interface RetryPolicy {

    /**
     * @param attempt the number of the attempt that failed, 1 for the first
     * @param error the error reply of that attempt
     * @return true to try again (if retries and time are left)
     */
    boolean retry(int attempt, MicroException error);

    /** The policies a configuration can name. */
    enum Named implements RetryPolicy {
        /** 5xx replies: the service failed, another node (or a moment later) may not. The default. */
        SERVER_ERRORS {
            @Override
            public boolean retry(int attempt, MicroException error) {
                return error.code() >= 500;
            }
        },
        /** 5xx replies and a 408 from the service: go-micro v1's {@code RetryOnError}. */
        SERVER_ERRORS_AND_TIMEOUTS {
            @Override
            public boolean retry(int attempt, MicroException error) {
                return error.code() >= 500 || error.code() == 408;
            }
        },
        /** One attempt per reachable node: for calls that must not run twice. */
        NEVER {
            @Override
            public boolean retry(int attempt, MicroException error) {
                return false;
            }
        };

        /** The name a configuration uses: {@code server_errors}, {@code server_errors_and_timeouts}, {@code never}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The policy a configuration names.
     *
     * @throws IllegalArgumentException for a name that is not one of {@link Named}
     */
    static RetryPolicy named(String name) {
        for (Named policy : Named.values()) {
            if (policy.configName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown retry policy '" + name + "'; known: server_errors, "
                + "server_errors_and_timeouts, never");
    }
}
