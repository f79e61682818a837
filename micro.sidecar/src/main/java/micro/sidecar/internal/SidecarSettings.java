package micro.sidecar.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import micro.edge.http.ConfigValues;

/** The sidecar's configuration, read value by value: a bad value is refused with one log line and the last good one stays. */
record SidecarSettings(String host, int port, String namespace, String cors, String corsHeaders, List<AppSpec> apps,
        boolean forward, Duration healthInterval, Duration ttl, Duration interval, int maxBodyBytes, int maxMessageBytes,
        long requestTimeoutMillis, long readTimeoutMillis, boolean stats) {

    static final SidecarSettings DEFAULTS = new SidecarSettings("127.0.0.1", 8081, "micro.srv", "",
            "Content-Type,Authorization,X-Requested-With", List.of(), false, Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(30), 10 * 1024 * 1024, 1024 * 1024, 5000, 30_000, false);

    static SidecarSettings read(Sidecar.Config config, Map<String, ?> raw, SidecarSettings last) {
        ConfigValues values = new ConfigValues("micro.sidecar", raw);
        String address = values.value("address", () -> ConfigValues.address(config.address()), last.host() + ":" + last.port(),
                "host:port with a port of 0-65535");
        int colon = address.lastIndexOf(':');
        String namespace = values.value("namespace", () -> ConfigValues.notBlank(config.namespace()), last.namespace(),
                "a service name prefix");
        String cors = values.value("cors", config::cors, last.cors(), "comma-separated origins");
        String corsHeaders = values.value("cors.headers", config::cors_headers, last.corsHeaders(), "comma-separated header names");
        List<AppSpec> apps = values.value("apps", () -> AppSpec.parseAll(config.apps()), last.apps(),
                "NAME=HOST:PORT[,health=URL] entries");
        boolean forward = values.value("app.mode", () -> forward(config.app_mode()), last.forward(), "direct or forward");
        Duration health = Duration.ofMillis(values.value("healthcheck.interval.ms",
                () -> ConfigValues.positive(config.healthcheck_interval_ms()), last.healthInterval().toMillis(),
                "a positive number of milliseconds"));
        long ttl = values.value("register.ttl", () -> ConfigValues.positive(config.register_ttl()), last.ttl().toSeconds(),
                "a positive number of seconds");
        long interval = values.value("register.interval", () -> renewsBefore(config.register_interval(), ttl),
                Math.min(last.interval().toSeconds(), Math.max(1, ttl / 2)), "seconds, positive and shorter than register.ttl");
        int maxBody = values.value("max.body.bytes", () -> (int) ConfigValues.positive(config.max_body_bytes()),
                last.maxBodyBytes(), "a positive number of bytes");
        int maxMessage = values.value("max.message.bytes", () -> (int) ConfigValues.positive(config.max_message_bytes()),
                last.maxMessageBytes(), "a positive number of bytes");
        long requestTimeout = values.value("request.timeout.ms", () -> ConfigValues.positive(config.request_timeout_ms()),
                last.requestTimeoutMillis(), "a positive number of milliseconds");
        long readTimeout = values.value("read.timeout.ms", () -> ConfigValues.positive(config.read_timeout_ms()),
                last.readTimeoutMillis(), "a positive number of milliseconds");
        boolean stats = values.value("enable.stats", config::enable_stats, last.stats(), "true or false");
        return new SidecarSettings(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)), namespace, cors,
                corsHeaders, apps, forward, health, Duration.ofSeconds(ttl), Duration.ofSeconds(interval), maxBody, maxMessage,
                requestTimeout, readTimeout, stats);
    }

    private static boolean forward(String mode) {
        return switch (mode == null ? "" : mode.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "direct" -> false;
            case "forward" -> true;
            default -> throw new IllegalArgumentException(mode);
        };
    }

    private static long renewsBefore(long interval, long ttl) {
        if (interval <= 0 || interval >= ttl) {
            throw new IllegalArgumentException("interval " + interval + " with ttl " + ttl);
        }
        return interval;
    }

    /** Whether {@code next} needs a new listener (the rest is applied to the running one). */
    boolean sameListener(SidecarSettings next) {
        return host.equals(next.host) && port == next.port && readTimeoutMillis == next.readTimeoutMillis;
    }
}
