package micro.gateway.internal;

/**
 * The gateway's configuration, checked. {@link Listener} is what only a new Jetty server can apply;
 * everything else is applied to the running one by swapping its handlers.
 */
record GatewaySettings(Listener listener, String namespace, String handler, String[] routes, String cors, String corsHeaders,
        int maxBodyBytes, long requestTimeoutMillis) {

    record Listener(String host, int port, long readTimeoutMillis, boolean tls, String certFile, String keyFile,
            boolean accessLog, boolean stats) {

        String address() {
            return host + ":" + port;
        }
    }

    static final GatewaySettings DEFAULTS = new GatewaySettings(new Listener("127.0.0.1", 8080, 30_000, false, "", "", false, false),
            "micro.api", HandlerRoutes.RPC, new String[0], "", "Content-Type,Authorization,X-Requested-With", 10 * 1024 * 1024,
            5000);
}
