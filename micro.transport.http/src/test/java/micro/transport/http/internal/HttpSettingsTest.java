package micro.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import micro.core.internal.testing.Configs;

import org.junit.jupiter.api.Test;

class HttpSettingsTest {

    @Test
    void theDefaultsAreTheMetatypeDefaultsAndABadValueKeepsItsDefault() {
        assertEquals(HttpSettings.DEFAULTS, HttpSettings.of(Configs.of(HttpTransport.Config.class, Map.of())));
        HttpSettings typos = HttpSettings.of(Configs.of(HttpTransport.Config.class,
                Map.of("max_body_bytes", 0, "max_threads", 2, "idle_timeout_ms", -1L, "pool_size", 16)));
        assertEquals(new HttpSettings(HttpSettings.DEFAULTS.maxBodyBytes(), HttpSettings.DEFAULTS.idleTimeoutMillis(),
                HttpSettings.DEFAULTS.drainTimeoutMillis(), HttpSettings.DEFAULTS.maxThreads(), 16,
                HttpSettings.DEFAULTS.maxStreams()), typos, "only the good value is taken");
    }
}
