package micro.api.edge;

/**
 * A tool at the edge of the system that listens for people and programs outside it: the API
 * gateway, the command endpoint, the sidecar and the web dashboard. Each publishes itself as
 * this service, with property {@link #NAME}, once it listens, and withdraws it when it stops, so a
 * host (or a test, or another bundle) waits for an edge and asks its address through this contract
 * instead of knowing the class that implements it.
 */
public interface Edge {

    /** Service property: which edge this is, e.g. {@value #GATEWAY} or {@value #COMMANDS}. */
    String NAME = "micro.edge";

    /** {@link #NAME} of the API gateway. */
    String GATEWAY = "gateway";

    /** {@link #NAME} of the endpoint that takes {@code micro.jar} commands. */
    String COMMANDS = "commands";

    /** {@link #NAME} of the sidecar, through which apps in any language join over HTTP. */
    String SIDECAR = "sidecar";

    /** {@link #NAME} of the web dashboard. */
    String WEB = "web";

    /** The edge's name, the same as its {@link #NAME} property. */
    String name();

    /** Where it answers right now, as a URL ({@code http://127.0.0.1:8080}); it may change on reconfiguration. */
    String address();
}
