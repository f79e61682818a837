package micro.core.internal.client;

import java.time.Duration;

import micro.api.client.CallOptions;
import micro.api.client.RetryPolicy;

/** The client's defaults, and the options of one call with those defaults filled in. */
record ClientSettings(Duration timeout, int retries, Duration backoff, String contentType, RetryPolicy retryPolicy) {
    ClientSettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, was " + timeout);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, was " + retries);
        }
    }

    Duration timeout(CallOptions options) {
        return options.timeout() != null && !options.timeout().isNegative() && !options.timeout().isZero()
                ? options.timeout() : timeout;
    }

    int retries(CallOptions options) {
        return options.retries() >= 0 ? options.retries() : retries;
    }

    Duration backoff(CallOptions options) {
        return options.backoff() != null ? options.backoff() : backoff;
    }

    RetryPolicy retryPolicy(CallOptions options) {
        return options.retryPolicy() != null ? options.retryPolicy() : retryPolicy;
    }
}
