package micro.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HandlerRoutesTest {

    @Test
    void routesPickTheLongestPrefixElseTheDefault() {
        HandlerRoutes routes = new HandlerRoutes("rpc", new String[] { "/legacy/=proxy", "/legacy/api/=api" });
        assertEquals("proxy", routes.handlerFor("/legacy/x"));
        assertEquals("api", routes.handlerFor("/legacy/api/x"));
        assertEquals("rpc", routes.handlerFor("/greeter/say/hello"));
        assertEquals("unknown handler 'grpc' in handler: use rpc, api or proxy",
                assertThrows(IllegalArgumentException.class, () -> new HandlerRoutes("grpc", null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HandlerRoutes("rpc", new String[] { "legacy=proxy" }));
    }

    @Test
    void routesTellWhichHandlersCanBeReached() {
        HandlerRoutes prefixed = new HandlerRoutes("rpc", new String[] { "/legacy/=proxy" });
        assertTrue(prefixed.uses("rpc"));
        assertTrue(prefixed.uses("proxy"));
        assertFalse(prefixed.uses("api"));
        assertTrue(new HandlerRoutes("proxy", null).uses("proxy"));
        assertFalse(new HandlerRoutes("api", null).uses("proxy"));
    }
}
