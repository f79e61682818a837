package micro.wrapper.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.MicroException;
import micro.api.metadata.Metadata;
import micro.api.wrapper.HandlerWrapper;
import micro.core.internal.testing.Configs;

import org.junit.jupiter.api.Test;

class RequestLogWrapperTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private RequestLogWrapper wrapper(Map<String, Object> config) {
        return new RequestLogWrapper(Configs.of(RequestLogWrapper.Config.class, config),
                (warning, line) -> lines.add((warning ? "WARN " : "INFO ") + line));
    }

    private static HandlerWrapper.ServedCall call(Map<String, String> headers) {
        return new HandlerWrapper.ServedCall("micro.srv.greeter", "Say.Hello", Metadata.ofRequest(headers, "micro.srv.greeter"),
                null);
    }

    @Test
    void aLinePerCallWithTheCallerAndTheOutcome() throws Exception {
        RequestLogWrapper log = wrapper(Map.of());
        assertEquals("reply", log.serve(call(Map.of(Metadata.FROM_SERVICE, "micro.api.greeter")), () -> "reply"));
        MicroException refused = MicroException.badRequest("micro.srv.greeter", "name is required");
        assertThrows(MicroException.class, () -> log.serve(call(Map.of()), () -> {
            throw refused;
        }));
        assertEquals(2, lines.size(), String.valueOf(lines));
        assertTrue(lines.get(0).matches("INFO micro\\.srv\\.greeter Say\\.Hello from micro\\.api\\.greeter: ok in [0-9.]+ ms"),
                lines.get(0));
        assertTrue(lines.get(1).matches("WARN micro\\.srv\\.greeter Say\\.Hello: failed 400 \\(name is required\\) in [0-9.]+ ms"),
                lines.get(1));
    }

    @Test
    void withoutSuccessesOnlyFailuresAreLoggedAndTheChangeAppliesLive() throws Exception {
        RequestLogWrapper log = wrapper(Map.of("successes", false));
        log.serve(call(Map.of()), () -> "reply");
        assertEquals(List.of(), lines);
        log.modified(Configs.of(RequestLogWrapper.Config.class, Map.of("successes", true)));
        log.serve(call(Map.of()), () -> "reply");
        assertEquals(1, lines.size(), String.valueOf(lines));
    }

    @Test
    void theConfiguredMetadataAreShownWhenTheCallCarriesThem() throws Exception {
        RequestLogWrapper log = wrapper(Map.of("metadata", new String[] { "X-Micro-Trace-Id", "Micro-Tenant" }));
        log.serve(call(Map.of("X-Micro-Trace-Id", "t-42", "Micro-Tenant", "acme", "X-Micro-Other", "x")), () -> "reply");
        log.serve(call(Map.of()), () -> "reply");
        assertTrue(lines.get(0).startsWith("INFO micro.srv.greeter Say.Hello [X-Micro-Trace-Id=t-42, Micro-Tenant=acme]: ok in "),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("INFO micro.srv.greeter Say.Hello: ok in "), lines.get(1));
    }
}
