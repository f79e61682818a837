package micro.core.internal.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RegisterTimingsTest {

    private static RegisterTimings of(long ttl, long interval) {
        return RegisterTimings.of("micro.server", ttl, interval, RegisterTimings.DEFAULTS);
    }

    @Test
    void aTtlThatWouldNeverExpireAndRenewalsAfterTheTtlAreRefused() {
        assertEquals(new RegisterTimings(10, 3), of(10, 3));
        assertEquals(new RegisterTimings(60, 3), of(-1, 3), "a negative TTL meant never expire");
        assertEquals(new RegisterTimings(60, 30), of(0, 0));
        assertEquals(new RegisterTimings(10, 5), of(10, 10), "renewing at the TTL lets the registration lapse");
    }

    @Test
    void aBadValueKeepsTheLastGoodOne() {
        RegisterTimings last = new RegisterTimings(20, 4);
        assertEquals(new RegisterTimings(20, 4), RegisterTimings.of("micro.broker.http", -5, 0, last));
        assertEquals(new RegisterTimings(8, 4), RegisterTimings.of("micro.broker.http", 8, 9, last));
    }
}
