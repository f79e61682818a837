package micro.wrapper.ratelimit.internal;

import java.time.Duration;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

import micro.api.MicroException;
import micro.api.wrapper.HandlerWrapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A rate limiter per served service (Resilience4j's): past its calls per period, a call is answered
 * 429 at once, before its handler runs, so a flood costs the service nothing but the refusal.
 */
@Component(service = HandlerWrapper.class, configurationPid = "micro.wrapper.ratelimit")
@Designate(ocd = RateLimitWrapper.Config.class)
public final class RateLimitWrapper implements HandlerWrapper {

    /** The id of the errors this wrapper answers with. */
    static final String ID = "micro.wrapper.ratelimit";

    @ObjectClassDefinition(name = "micro rate limiter", description = "Calls each served service takes per period "
            + "(Resilience4j); past them a call is answered 429. Changes apply at once.")
    public @interface Config {
        @AttributeDefinition(name = "Calls per period", description = "Calls a service serves in one period.", min = "1")
        int limit_for_period() default 100;

        @AttributeDefinition(name = "Period (ms)", description = "How often the calls per period are granted anew.",
                min = "1")
        long refresh_period_ms() default 1000;

        @AttributeDefinition(name = "Wait (ms)", description = "How long a call past the limit may wait for the next "
                + "period before it is refused; 0 refuses at once (the handler thread does not wait).", min = "0")
        long timeout_ms() default 0;
    }

    private volatile RateLimiterRegistry limiters;
    private volatile Config config;

    @Activate
    public RateLimitWrapper(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config newConfig) {
        limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(newConfig.limit_for_period())
                .limitRefreshPeriod(Duration.ofMillis(newConfig.refresh_period_ms()))
                .timeoutDuration(Duration.ofMillis(newConfig.timeout_ms()))
                .build());
        config = newConfig;
    }

    @Override
    public Object serve(ServedCall call, Next next) throws Exception {
        RateLimiter limiter = limiters.rateLimiter(call.service());
        if (!limiter.acquirePermission()) {
            Config limits = config;
            throw new MicroException(ID, 429, "rate limit of " + call.service() + " reached: " + limits.limit_for_period()
                    + " calls per " + limits.refresh_period_ms() + " ms; try again shortly");
        }
        return next.proceed();
    }
}
