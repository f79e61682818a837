package micro.registry.etcd.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How to reach etcd: its endpoints (tried in order), the key prefix, credentials and TLS. */
record EtcdSettings(List<String> endpoints, String prefix, String username, String password, boolean tls,
        Duration timeout) {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdSettings.class);

    static EtcdSettings of(String endpoints, String prefix, String username, String password, boolean tls, long timeoutMillis) {
        List<String> urls = new ArrayList<>();
        for (String endpoint : endpoints.split(",")) {
            String trimmed = endpoint.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
                urls.add(trimmed.replaceAll("/+$", ""));
            } else {
                urls.add((tls ? "https://" : "http://") + trimmed);
            }
        }
        if (urls.isEmpty()) {
            LOG.error("micro.registry.etcd endpoints = '{}' refused: expected host:port[,host:port...]; keeping 127.0.0.1:2379",
                    endpoints);
            urls.add((tls ? "https://" : "http://") + "127.0.0.1:2379");
        }
        long timeout = timeoutMillis;
        if (timeout <= 0) {
            LOG.error("micro.registry.etcd timeout.ms = '{}' refused: expected a positive number of milliseconds; keeping 5000",
                    timeoutMillis);
            timeout = 5000;
        }
        String normalized = prefix == null || prefix.isBlank() ? "/micro/registry/" : prefix.endsWith("/") ? prefix : prefix + "/";
        return new EtcdSettings(List.copyOf(urls), normalized, username == null ? "" : username,
                password == null ? "" : password, tls, Duration.ofMillis(timeout));
    }
}
