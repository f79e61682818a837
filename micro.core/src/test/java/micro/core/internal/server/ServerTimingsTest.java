package micro.core.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import micro.core.internal.testing.Configs;

import org.junit.jupiter.api.Test;

class ServerTimingsTest {

    private static ServerTimings of(long ttl, long interval) {
        return ServerTimings.of(Configs.of(DefaultServer.Config.class, Map.of("register_ttl", ttl, "register_interval", interval)));
    }

    @Test
    void aTtlThatWouldNeverExpireAndRenewalsAfterTheTtlAreRefused() {
        assertEquals(new ServerTimings(10, 3), of(10, 3));
        assertEquals(new ServerTimings(60, 3), of(-1, 3), "a negative TTL meant never expire");
        assertEquals(new ServerTimings(60, 30), of(0, 0));
        assertEquals(new ServerTimings(10, 5), of(10, 10), "renewing at the TTL lets the registration lapse");
    }
}
