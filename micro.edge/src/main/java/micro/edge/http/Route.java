package micro.edge.http;

/**
 * Where a request goes: the service (namespace included) and the endpoint, or null endpoint for
 * the gateway's proxy handler, which forwards the path as it is.
 */
public record Route(String service, String endpoint) {

    @Override
    public String toString() {
        return endpoint == null ? service : service + " " + endpoint;
    }
}
