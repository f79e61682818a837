package micro.wrapper.breaker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.registry.Node;
import micro.api.transport.Message;
import micro.api.wrapper.CallWrapper;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.Configs;

import org.junit.jupiter.api.Test;

class CircuitBreakerWrapperTest {

    private static final Node NODE = new Node("greeter-1", "127.0.0.1:9", Map.of());

    private final AtomicInteger sent = new AtomicInteger();
    private volatile MicroException failWith = MicroException.internal("greeter", "down");

    private final CallWrapper.Next service = request -> {
        sent.incrementAndGet();
        MicroException failure = failWith;
        return failure == null ? CompletableFuture.completedFuture(new Message(Map.of(), "{}".getBytes()))
                : CompletableFuture.failedFuture(failure);
    };

    private static CircuitBreakerWrapper breaker(long openMillis) {
        return new CircuitBreakerWrapper(Configs.of(CircuitBreakerWrapper.Config.class, Map.of("sliding_window_size", 4,
                "minimum_calls", 4, "failure_rate_threshold", 50, "wait_in_open_ms", openMillis, "half_open_calls", 1)));
    }

    private static CallWrapper.Attempt attempt(String service) {
        return new CallWrapper.Attempt(service, "Say.Hello", NODE, new Message(Map.of(), "{}".getBytes()));
    }

    private MicroException callFails(CallWrapper wrapper, String service) {
        return assertThrows(MicroException.class, () -> CallOptions.join(wrapper.call(attempt(service), this.service)));
    }

    @Test
    void opensAfterTooManyFailuresAndRefusesWithoutCallingNamingTheBreaker() {
        CircuitBreakerWrapper wrapper = breaker(60_000);
        for (int i = 0; i < 4; i++) {
            assertEquals(500, callFails(wrapper, "greeter").code());
        }
        assertEquals(4, sent.get());
        MicroException refused = callFails(wrapper, "greeter");
        assertEquals(503, refused.code());
        assertTrue(refused instanceof micro.api.wrapper.CallRefusedException, "not retried by the client: " + refused);
        assertEquals(CircuitBreakerWrapper.ID, refused.id());
        assertTrue(refused.detail().contains("circuit breaker greeter is open") && refused.detail().contains("100%"),
                refused.detail());
        assertEquals(4, sent.get(), "an open breaker does not send the call");

        failWith = null;
        assertEquals("{}", new String(CallOptions.join(wrapper.call(attempt("other"), service)).body()),
                "one breaker per service: another service is called as usual");
    }

    @Test
    void theCallersMistakesDoNotOpenIt() {
        CircuitBreakerWrapper wrapper = breaker(60_000);
        failWith = MicroException.badRequest("greeter", "name is required");
        for (int i = 0; i < 10; i++) {
            assertEquals(400, callFails(wrapper, "greeter").code());
        }
        assertEquals(10, sent.get(), "4xx replies are the caller's: the breaker stays closed");
    }

    @Test
    void aTrialCallClosesItOnceTheServiceIsBack() {
        CircuitBreakerWrapper wrapper = breaker(50);
        for (int i = 0; i < 4; i++) {
            callFails(wrapper, "greeter");
        }
        failWith = null;
        Await.until("the breaker to let a trial call through", Duration.ofSeconds(10), () -> {
            try {
                CallOptions.join(wrapper.call(attempt("greeter"), service));
                return true;
            } catch (MicroException refused) {
                assertEquals(503, refused.code(), refused.detail());
                return false;
            }
        });
        for (int i = 0; i < 5; i++) {
            CallOptions.join(wrapper.call(attempt("greeter"), service));
        }
    }

    @Test
    void aNewConfigurationAppliesLive() {
        CircuitBreakerWrapper wrapper = breaker(60_000);
        for (int i = 0; i < 4; i++) {
            callFails(wrapper, "greeter");
        }
        assertEquals(503, callFails(wrapper, "greeter").code());
        wrapper.modified(Configs.of(CircuitBreakerWrapper.Config.class, Map.of("minimum_calls", 100, "sliding_window_size", 100)));
        failWith = null;
        CallOptions.join(wrapper.call(attempt("greeter"), service));
    }
}
