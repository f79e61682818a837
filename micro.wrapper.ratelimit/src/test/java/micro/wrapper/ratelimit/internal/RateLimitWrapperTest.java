package micro.wrapper.ratelimit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import micro.api.MicroException;
import micro.api.metadata.Metadata;
import micro.api.wrapper.HandlerWrapper;
import micro.core.internal.testing.Configs;

import org.junit.jupiter.api.Test;

class RateLimitWrapperTest {

    private final AtomicInteger served = new AtomicInteger();
    private final HandlerWrapper.Next handler = () -> served.incrementAndGet();

    private static HandlerWrapper.ServedCall call(String service) {
        return new HandlerWrapper.ServedCall(service, "Say.Hello", Metadata.empty(), null);
    }

    private static RateLimitWrapper limiter(int calls) {
        return new RateLimitWrapper(Configs.of(RateLimitWrapper.Config.class, Map.of("limit_for_period", calls,
                "refresh_period_ms", 3_600_000L)));
    }

    @Test
    void pastTheLimitACallIs429AndItsHandlerDoesNotRun() throws Exception {
        RateLimitWrapper wrapper = limiter(3);
        for (int i = 1; i <= 3; i++) {
            assertEquals(i, wrapper.serve(call("greeter"), handler));
        }
        MicroException refused = assertThrows(MicroException.class, () -> wrapper.serve(call("greeter"), handler));
        assertEquals(429, refused.code());
        assertEquals(RateLimitWrapper.ID, refused.id());
        assertTrue(refused.detail().contains("rate limit of greeter reached: 3 calls per 3600000 ms"), refused.detail());
        assertEquals(3, served.get());
        assertEquals(4, wrapper.serve(call("other"), handler), "each service has its own limit");
    }

    @Test
    void aNewLimitAppliesLive() throws Exception {
        RateLimitWrapper wrapper = limiter(1);
        wrapper.serve(call("greeter"), handler);
        assertThrows(MicroException.class, () -> wrapper.serve(call("greeter"), handler));
        wrapper.modified(Configs.of(RateLimitWrapper.Config.class, Map.of("limit_for_period", 2, "refresh_period_ms", 3_600_000L)));
        wrapper.serve(call("greeter"), handler);
        wrapper.serve(call("greeter"), handler);
        assertThrows(MicroException.class, () -> wrapper.serve(call("greeter"), handler));
    }
}
