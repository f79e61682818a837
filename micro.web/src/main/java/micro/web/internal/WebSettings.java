package micro.web.internal;

import java.util.Map;

import micro.edge.http.ConfigValues;

/** The dashboard's configuration, read value by value: a bad value is refused with one log line and the last good one stays. */
record WebSettings(String host, int port, String namespace, String cors, boolean stats, long requestTimeoutMillis,
        long readTimeoutMillis, int maxBodyBytes, long ttlSeconds, long intervalSeconds) {

    static final WebSettings DEFAULTS = new WebSettings("127.0.0.1", 8082, "micro.web", "", false, 5000, 30_000,
            1024 * 1024, 60, 30);

    static WebSettings read(WebDashboard.Config config, Map<String, ?> raw, WebSettings last) {
        ConfigValues values = new ConfigValues("micro.web", raw);
        String address = values.value("address", () -> ConfigValues.address(config.address()), last.host() + ":" + last.port(),
                "host:port with a port of 0-65535");
        int colon = address.lastIndexOf(':');
        String namespace = values.value("namespace", () -> ConfigValues.notBlank(config.namespace()), last.namespace(),
                "a service name prefix");
        String cors = values.value("cors", config::cors, last.cors(), "comma-separated origins");
        boolean stats = values.value("enable.stats", config::enable_stats, last.stats(), "true or false");
        long requestTimeout = values.value("request.timeout.ms", () -> ConfigValues.positive(config.request_timeout_ms()),
                last.requestTimeoutMillis(), "a positive number of milliseconds");
        long readTimeout = values.value("read.timeout.ms", () -> ConfigValues.positive(config.read_timeout_ms()),
                last.readTimeoutMillis(), "a positive number of milliseconds");
        int maxBody = values.value("max.body.bytes", () -> (int) ConfigValues.positive(config.max_body_bytes()),
                last.maxBodyBytes(), "a positive number of bytes");
        long ttl = values.value("register.ttl", () -> ConfigValues.positive(config.register_ttl()), last.ttlSeconds(),
                "a positive number of seconds");
        long interval = values.value("register.interval", () -> {
            long value = ConfigValues.positive(config.register_interval());
            if (value >= ttl) {
                throw new IllegalArgumentException("interval " + value + " not below ttl " + ttl);
            }
            return value;
        }, Math.min(last.intervalSeconds(), Math.max(1, ttl / 2)), "seconds, positive and shorter than register.ttl");
        return new WebSettings(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)), namespace, cors,
                stats, requestTimeout, readTimeout, maxBody, ttl, interval);
    }
}
