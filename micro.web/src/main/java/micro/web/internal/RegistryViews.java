package micro.web.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import micro.api.MicroException;
import micro.api.registry.Registry;
import micro.api.registry.Service;

/**
 * What the pages show of the registry, as JSON: the services (names, searched and paged, so 10,000
 * of them stay usable), one service with every version, and the web apps of the namespace.
 */
final class RegistryViews {

    static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;

    private final Supplier<Registry> registry;
    private final String namespace;

    RegistryViews(Supplier<Registry> registry, String namespace) {
        this.registry = registry;
        this.namespace = namespace;
    }

    private Registry available() {
        Registry current = registry.get();
        if (current == null) {
            throw MicroException.unavailable(WebDashboard.ERRORS.id(), "no registry is installed; try again shortly");
        }
        return current;
    }

    /** {@code {"services":[{name,version}...],"total","offset","limit","query"}}, names sorted, those containing {@code query}. */
    Map<String, Object> services(String query, int offset, int limit) {
        String needle = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        List<Service> matching = available().listServices().stream()
                .filter(service -> needle.isEmpty() || service.name().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(Comparator.comparing(Service::name).thenComparing(Service::version)).toList();
        int from = Math.min(Math.max(0, offset), matching.size());
        int size = Math.max(1, Math.min(limit <= 0 ? DEFAULT_PAGE : limit, MAX_PAGE));
        List<Map<String, String>> page = matching.subList(from, Math.min(matching.size(), from + size)).stream()
                .map(RegistryViews::entry).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("services", page);
        json.put("total", matching.size());
        json.put("offset", from);
        json.put("limit", size);
        json.put("query", needle);
        return json;
    }

    private static Map<String, String> entry(Service service) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("name", service.name());
        entry.put("version", service.version());
        return entry;
    }

    /** Every version of {@code name} with nodes and endpoints; 404 when the registry does not know it. */
    Map<String, Object> service(String name) {
        List<Service> versions = available().getService(name);
        if (versions.isEmpty()) {
            throw MicroException.notFound(WebDashboard.ERRORS.id(), "service " + name + " not found");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("versions", versions);
        return json;
    }

    /** The web apps: services named {@code namespace.NAME}, as NAME, sorted. */
    Map<String, Object> webApps() {
        String prefix = namespace + ".";
        List<String> apps = available().listServices().stream().map(Service::name).filter(name -> name.startsWith(prefix))
                .map(name -> name.substring(prefix.length())).filter(name -> !name.isEmpty()).distinct().sorted().toList();
        return Map.of("services", apps, "namespace", namespace);
    }
}
