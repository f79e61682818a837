package micro.shell.karaf.internal;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import micro.api.registry.Registry;
import micro.api.registry.Service;

/**
 * What the {@code micro:} commands complete, read from the live registry: service names, the
 * endpoints of one service, the topics subscribed to, and the gateway paths of the services in the
 * gateway's namespace ({@code micro.api.greeter} {@code Say.Hello} → {@code /greeter/say/hello}).
 */
final class RegistryCompletions {

    /** The http broker registers each subscription as a service {@code topic:NAME}. */
    private static final String TOPIC = "topic:";
    static final String GATEWAY_NAMESPACE = "micro.api.";

    private RegistryCompletions() {
    }

    static List<String> services(Registry registry) {
        TreeSet<String> names = new TreeSet<>();
        for (Service service : registry.listServices()) {
            if (!service.name().startsWith(TOPIC)) {
                names.add(service.name());
            }
        }
        return List.copyOf(names);
    }

    static List<String> endpoints(Registry registry, String service) {
        TreeSet<String> names = new TreeSet<>();
        registry.getService(service).forEach(version -> version.endpoints().forEach(endpoint -> names.add(endpoint.name())));
        return List.copyOf(names);
    }

    static List<String> topics(Registry registry) {
        TreeSet<String> topics = new TreeSet<>();
        for (Service service : registry.listServices()) {
            if (service.name().startsWith(TOPIC)) {
                topics.add(service.name().substring(TOPIC.length()));
            }
        }
        return List.copyOf(topics);
    }

    static List<String> gatewayPaths(Registry registry) {
        TreeSet<String> paths = new TreeSet<>();
        for (String service : services(registry)) {
            if (service.startsWith(GATEWAY_NAMESPACE)) {
                String base = "/" + service.substring(GATEWAY_NAMESPACE.length()).replace('.', '/');
                paths.add(base);
                for (String endpoint : endpoints(registry, service)) {
                    paths.add(base + "/" + endpoint.replace('.', '/').toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(paths);
    }
}
