package micro.api.server;

/** Names of the whiteboard properties and the endpoints every service answers. */
public final class ServerProperties {

    /** The service name a handler object is served under. */
    public static final String SERVICE = "micro.service";
    /** The handler name of its endpoints; defaults to the simple class name. */
    public static final String HANDLER = "micro.handler";
    /** The version the service registers with; defaults to the server's ({@code latest} unless configured). */
    public static final String VERSION = "micro.version";

    /** The topic a subscriber object receives the messages of. */
    public static final String SUBSCRIBE = "micro.subscribe";
    /** The queue group of a subscriber: each message goes to one member of the group. */
    public static final String QUEUE = "micro.queue";

    public static final String HEALTH_ENDPOINT = "Debug.Health";
    public static final String STATS_ENDPOINT = "Debug.Stats";

    private ServerProperties() {
    }
}
