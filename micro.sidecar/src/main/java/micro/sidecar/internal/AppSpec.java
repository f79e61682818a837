package micro.sidecar.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One app the sidecar stands for, as {@code --app NAME=HOST:PORT[,health=URL]} (or the
 * {@code --server_name}/{@code --server_address}/{@code --healthcheck_url} of go-micro's sidecar)
 * gives it: the service name, where the app serves calls, and the URL that says it is healthy.
 */
record AppSpec(String name, String address, URI health) {

    /**
     * Reads {@code NAME=HOST:PORT[,health=URL]}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static AppSpec parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not NAME=HOST:PORT[,health=URL]");
        }
        String name = text.substring(0, equals).trim();
        String[] parts = text.substring(equals + 1).split(",");
        String address = parts[0].trim();
        URI health = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            if (!part.startsWith("health=")) {
                throw new IllegalArgumentException("'" + part + "' in '" + text + "': only health=URL may follow the address");
            }
            health = healthUrl(part.substring("health=".length()));
        }
        return of(name, address, health);
    }

    static AppSpec of(String name, String address, URI health) {
        if (name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("app name '" + name + "': letters, digits, '.', '_' and '-' only");
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || !address.substring(colon + 1).matches("[0-9]{1,5}")
                || Integer.parseInt(address.substring(colon + 1)) > 65535) {
            throw new IllegalArgumentException("app address '" + address + "' of " + name + " is not HOST:PORT");
        }
        return new AppSpec(name, address, health);
    }

    static URI healthUrl(String text) {
        try {
            URI uri = URI.create(text.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("health check URL '" + text + "' is not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("health check URL '" + text + "' is not an http(s) URL", e);
        }
    }

    static List<AppSpec> parseAll(String[] specs) {
        List<AppSpec> apps = new ArrayList<>();
        for (String spec : specs == null ? new String[0] : specs) {
            if (!spec.isBlank()) {
                apps.add(parse(spec));
            }
        }
        return List.copyOf(apps);
    }
}
