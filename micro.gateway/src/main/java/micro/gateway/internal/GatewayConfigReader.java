package micro.gateway.internal;

import java.util.Map;
import java.util.function.Supplier;

import micro.edge.http.ConfigValues;

/**
 * Reads the {@code micro.gateway} configuration value by value ({@link ConfigValues}: a bad value is
 * refused with one log line and the last good one stays).
 */
final class GatewayConfigReader {

    private final ConfigValues values;

    GatewayConfigReader(Map<String, ?> raw) {
        this.values = new ConfigValues("micro.gateway", raw);
    }

    GatewaySettings read(Gateway.Config config, GatewaySettings last) {
        GatewaySettings.Listener was = last.listener();
        String address = value("address", () -> ConfigValues.address(config.address()), was.address(), "host:port with a port of 0-65535");
        int colon = address.lastIndexOf(':');
        long readTimeout = value("read.timeout.ms", () -> ConfigValues.positive(config.read_timeout_ms()), was.readTimeoutMillis(),
                "a positive number of milliseconds");
        boolean tls = value("enable.tls", config::enable_tls, was.tls(), "true or false");
        String cert = value("tls.cert.file", config::tls_cert_file, was.certFile(), "a file name");
        String key = value("tls.key.file", config::tls_key_file, was.keyFile(), "a file name");
        boolean accessLog = value("access.log", config::access_log, was.accessLog(), "true or false");
        boolean stats = value("enable.stats", config::enable_stats, was.stats(), "true or false");
        GatewaySettings.Listener listener = new GatewaySettings.Listener(address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)), readTimeout, tls, cert, key, accessLog, stats);

        String namespace = value("namespace", () -> ConfigValues.notBlank(config.namespace()), last.namespace(), "a service name prefix");
        String handler = value("handler", () -> handler(config.handler()), last.handler(), "rpc, api or proxy");
        String[] routes = value("routes", () -> routes(config.routes()), last.routes(), "/PREFIX=HANDLER entries");
        String cors = value("cors", config::cors, last.cors(), "comma-separated origins");
        String corsHeaders = value("cors.headers", config::cors_headers, last.corsHeaders(), "comma-separated header names");
        int maxBody = value("max.body.bytes", () -> (int) ConfigValues.positive(config.max_body_bytes()), last.maxBodyBytes(),
                "a positive number of bytes");
        long requestTimeout = value("request.timeout.ms", () -> ConfigValues.positive(config.request_timeout_ms()),
                last.requestTimeoutMillis(), "a positive number of milliseconds");
        return new GatewaySettings(listener, namespace, handler, routes, cors, corsHeaders, maxBody, requestTimeout);
    }

    private <T> T value(String key, Supplier<T> read, T last, String expected) {
        return values.value(key, read, last, expected);
    }

    private static String handler(String name) {
        new HandlerRoutes(name, new String[0]); // throws for an unknown one
        return name.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static String[] routes(String[] routes) {
        new HandlerRoutes(HandlerRoutes.RPC, routes); // throws for a malformed route
        return routes == null ? new String[0] : routes.clone();
    }
}
