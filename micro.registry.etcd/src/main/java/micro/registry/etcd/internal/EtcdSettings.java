package micro.registry.etcd.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How to reach etcd: its endpoints (tried in order), the key prefix, credentials and TLS. */
record EtcdSettings(List<String> endpoints, String prefix, String username, String password, boolean tls,
        Duration timeout) {

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
            throw new IllegalArgumentException("no etcd endpoint configured: set endpoints, e.g. 127.0.0.1:2379");
        }
        String normalized = prefix == null || prefix.isBlank() ? "/micro/registry/" : prefix.endsWith("/") ? prefix : prefix + "/";
        return new EtcdSettings(List.copyOf(urls), normalized, username == null ? "" : username,
                password == null ? "" : password, tls, Duration.ofMillis(timeoutMillis));
    }
}
