package micro.gateway.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which handler serves a path: the handler of the longest configured prefix ({@code /legacy/=proxy}),
 * else the default handler.
 */
final class HandlerRoutes {

    static final String RPC = "rpc";
    static final String API = "api";
    static final String PROXY = "proxy";
    static final Set<String> HANDLERS = Set.of(RPC, API, PROXY);

    private record Prefix(String prefix, String handler) {
    }

    private final String defaultHandler;
    private final List<Prefix> prefixes;

    /**
     * @throws IllegalArgumentException naming an unknown handler or a malformed route
     */
    HandlerRoutes(String defaultHandler, String[] routes) {
        this.defaultHandler = checked(defaultHandler, "handler");
        List<Prefix> parsed = new ArrayList<>();
        for (String route : routes == null ? new String[0] : routes) {
            String trimmed = route.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.lastIndexOf('=');
            if (equals <= 0 || !trimmed.startsWith("/")) {
                throw new IllegalArgumentException("route '" + route + "' is not /PREFIX=HANDLER, e.g. /legacy/=proxy");
            }
            parsed.add(new Prefix(trimmed.substring(0, equals).trim(), checked(trimmed.substring(equals + 1), route)));
        }
        parsed.sort(Comparator.comparingInt((Prefix p) -> p.prefix().length()).reversed());
        this.prefixes = List.copyOf(parsed);
    }

    String handlerFor(String path) {
        for (Prefix prefix : prefixes) {
            if (path.startsWith(prefix.prefix())) {
                return prefix.handler();
            }
        }
        return defaultHandler;
    }

    /** Whether any path can reach {@code handler}: the default one or a prefix's. */
    boolean uses(String handler) {
        return defaultHandler.equals(handler) || prefixes.stream().anyMatch(p -> p.handler().equals(handler));
    }

    boolean isDefault(String path) {
        return prefixes.stream().noneMatch(p -> path.startsWith(p.prefix()));
    }

    private static String checked(String handler, String where) {
        String name = handler == null ? "" : handler.trim().toLowerCase(Locale.ROOT);
        if (!HANDLERS.contains(name)) {
            throw new IllegalArgumentException("unknown handler '" + handler + "' in " + where + ": use rpc, api or proxy");
        }
        return name;
    }
}
