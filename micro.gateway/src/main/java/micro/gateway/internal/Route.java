package micro.gateway.internal;

/**
 * Where a request goes: the service (namespace included) and the endpoint, or null endpoint for
 * the proxy handler, which forwards the path as it is.
 */
record Route(String service, String endpoint) {

    @Override
    public String toString() {
        return endpoint == null ? service : service + " " + endpoint;
    }
}
