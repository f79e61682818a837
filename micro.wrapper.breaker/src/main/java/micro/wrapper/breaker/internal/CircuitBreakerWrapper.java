package micro.wrapper.breaker.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import micro.api.MicroException;
import micro.api.transport.Message;
import micro.api.transport.TransportException;
import micro.api.wrapper.CallRefusedException;
import micro.api.wrapper.CallWrapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A circuit breaker per called service (Resilience4j's): when too many of the last calls to a
 * service failed, calls to it are refused at once with a 503 naming the breaker, instead of piling
 * onto a service that is down; after a while a few calls are let through to see whether it is back.
 * What counts as a failure is the service's fault only: a 5xx, a timeout, a node that cannot be
 * reached. A 4xx is the caller's mistake and counts as a success.
 */
@Component(service = CallWrapper.class, configurationPid = "micro.wrapper.breaker")
@Designate(ocd = CircuitBreakerWrapper.Config.class)
public final class CircuitBreakerWrapper implements CallWrapper {

    /** The id of the errors this wrapper answers with. */
    static final String ID = "micro.wrapper.breaker";

    @ObjectClassDefinition(name = "micro circuit breaker", description = "One circuit breaker per called service, around "
            + "every client call (Resilience4j). Changes apply at once; the breakers start closed again.")
    public @interface Config {
        @AttributeDefinition(name = "Failure rate threshold (%)", description = "The breaker opens when at least this "
                + "share of the calls in its window failed.", min = "1", max = "100")
        int failure_rate_threshold() default 50;

        @AttributeDefinition(name = "Window size (calls)", description = "How many of the last calls the rate is taken over.",
                min = "1")
        int sliding_window_size() default 20;

        @AttributeDefinition(name = "Minimum calls", description = "Calls needed in the window before the rate counts.",
                min = "1")
        int minimum_calls() default 10;

        @AttributeDefinition(name = "Open for (ms)", description = "How long an open breaker refuses calls before it lets "
                + "a few through.", min = "1")
        long wait_in_open_ms() default 10_000;

        @AttributeDefinition(name = "Trial calls", description = "Calls let through when half open; if enough succeed the "
                + "breaker closes.", min = "1")
        int half_open_calls() default 3;
    }

    private volatile CircuitBreakerRegistry breakers;

    @Activate
    public CircuitBreakerWrapper(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(config.failure_rate_threshold())
                .slidingWindowSize(config.sliding_window_size())
                .minimumNumberOfCalls(config.minimum_calls())
                .waitDurationInOpenState(Duration.ofMillis(config.wait_in_open_ms()))
                .permittedNumberOfCallsInHalfOpenState(config.half_open_calls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    }

    @Override
    public CompletableFuture<Message> call(Attempt attempt, Next next) {
        CircuitBreaker breaker = breakers.circuitBreaker(attempt.service());
        if (!breaker.tryAcquirePermission()) {
            throw new CallRefusedException(ID, 503, "circuit breaker " + breaker.getName() + " is " + state(breaker)
                    + ": " + Math.round(breaker.getMetrics().getFailureRate()) + "% of the last calls to "
                    + attempt.service() + " failed; it is called again once the breaker lets a trial call through");
        }
        long start = breaker.getCurrentTimestamp();
        CompletableFuture<Message> reply;
        try {
            reply = next.proceed(attempt.request());
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.whenComplete((message, error) -> {
            long took = breaker.getCurrentTimestamp() - start;
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause != null && isTheServicesFault(cause)) {
                breaker.onError(took, breaker.getTimestampUnit(), cause);
            } else {
                breaker.onSuccess(took, breaker.getTimestampUnit());
            }
        });
    }

    private static String state(CircuitBreaker breaker) {
        return breaker.getState() == CircuitBreaker.State.HALF_OPEN ? "half open (its trial calls are under way)" : "open";
    }

    private static boolean isTheServicesFault(Throwable error) {
        if (error instanceof TransportException) {
            return true;
        }
        if (error instanceof MicroException micro) {
            return micro.code() >= 500 || micro.code() == 408;
        }
        return true;
    }
}
