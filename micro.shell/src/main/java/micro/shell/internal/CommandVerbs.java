package micro.shell.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The verbs of scope {@code micro} that Gogo can run right now, read from the command services' own
 * {@code osgi.command.function} properties (the shell's, the gateway's {@code routes}, a plugin's):
 * known before a line runs, so an unknown verb is told apart from Gogo's other refusals by lookup,
 * not by the text of the exception Gogo throws.
 */
final class CommandVerbs {

    static final String SCOPE = "osgi.command.scope";
    static final String FUNCTION = "osgi.command.function";

    private final Map<Object, Set<String>> byService = new ConcurrentHashMap<>();

    /** A command service of scope {@code micro} came, with its service properties. */
    void add(Map<String, ?> properties) {
        byService.put(properties.get("service.id"), functions(properties.get(FUNCTION)));
    }

    void remove(Map<String, ?> properties) {
        byService.remove(properties.get("service.id"));
    }

    boolean contains(String verb) {
        return byService.values().stream().anyMatch(verbs -> verbs.contains(verb));
    }

    /** Follows the command services of scope {@code micro} in {@code context}; open it to start. */
    ServiceTracker<Object, Object> tracker(BundleContext context) throws InvalidSyntaxException {
        return new ServiceTracker<>(context, context.createFilter("(" + SCOPE + "=micro)"), null) {
            @Override
            public Object addingService(ServiceReference<Object> reference) {
                CommandVerbs.this.add(properties(reference));
                return reference;
            }

            @Override
            public void modifiedService(ServiceReference<Object> reference, Object tracked) {
                CommandVerbs.this.add(properties(reference));
            }

            @Override
            public void removedService(ServiceReference<Object> reference, Object tracked) {
                CommandVerbs.this.remove(properties(reference));
            }
        };
    }

    private static Map<String, Object> properties(ServiceReference<?> reference) {
        Map<String, Object> properties = new java.util.HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            properties.put(key, reference.getProperty(key));
        }
        return properties;
    }

    /** A fixed set, for a runner outside OSGi. */
    static CommandVerbs of(Collection<String> verbs) {
        CommandVerbs fixed = new CommandVerbs();
        fixed.byService.put("fixed", Set.copyOf(verbs));
        return fixed;
    }

    private static Set<String> functions(Object property) {
        if (property instanceof String[] many) {
            return Set.of(many);
        }
        if (property instanceof Collection<?> many) {
            return Set.copyOf(many.stream().map(String::valueOf).toList());
        }
        return property == null ? Set.of() : Set.copyOf(List.of(String.valueOf(property).split("\\s*,\\s*")));
    }
}
