package micro.gateway.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

import micro.edge.http.EdgeErrors;
import micro.edge.http.JsonBodies;

/** The gateway as an edge: its errors carry the id {@code micro.gateway}, its JSON checks say so too. */
final class GatewayEdge {

    static final EdgeErrors ERRORS = new EdgeErrors("micro.gateway");
    static final JsonBodies JSON = new JsonBodies(ERRORS);
    /** For the replies and events the gateway reads itself. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private GatewayEdge() {
    }
}
