package micro.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import micro.api.MicroException;
import micro.api.selector.NoneAvailableException;
import micro.api.transport.NodeTimeoutException;
import micro.api.transport.TransportException;
import micro.edge.http.EdgeErrors;
import micro.edge.http.SlowClientException;

import org.junit.jupiter.api.Test;

/** The status the gateway answers for each kind of failure: pinned, since callers act on it. */
class GatewayErrorsTest {

    @Test
    void eachKindOfFailureHasItsStatus() {
        assertEquals(502, EdgeErrors.status(new TransportException("127.0.0.1:1", "refused", null)), "node unreachable");
        assertEquals(504, EdgeErrors.status(new NodeTimeoutException("127.0.0.1:1", "slow")), "node timed out");
        assertEquals(504, EdgeErrors.status(new MicroException("micro.client", 408, "deadline")), "the call's deadline");
        assertEquals(504, EdgeErrors.status(new MicroException(GatewayEdge.ERRORS.id(), 408, "renamed ids change nothing")));
        assertEquals(408, EdgeErrors.status(new SlowClientException(GatewayEdge.ERRORS.id(), "body late")), "our client was slow");
        assertEquals(503, EdgeErrors.status(new NoneAvailableException("greeter")));
        assertEquals(400, EdgeErrors.status(MicroException.badRequest("greeter", "no name")));
        assertEquals(500, EdgeErrors.status(new MicroException("greeter", 700, "not HTTP")));
    }
}
