package micro.api.command;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Command} services a tool follows, looked up by name the same way everywhere: of two with
 * one name, the higher {@code service.ranking} answers, then the older service (the lower
 * {@code service.id}). Fed from a DS reference's bind and unbind methods with the service properties.
 */
public final class CommandSet {

    private record Published(Command command, int ranking, long serviceId) {
    }

    private static final Comparator<Published> BEST_FIRST = Comparator.comparingInt(Published::ranking).reversed()
            .thenComparingLong(Published::serviceId);

    private final Map<Long, Published> published = new ConcurrentHashMap<>();

    /** A command service came, with its service properties ({@code service.id}, {@code service.ranking}). */
    public void add(Command command, Map<String, ?> properties) {
        long id = (Long) properties.get("service.id");
        int ranking = properties.get("service.ranking") instanceof Integer number ? number : 0;
        published.put(id, new Published(command, ranking, id));
    }

    public void remove(Map<String, ?> properties) {
        published.remove((Long) properties.get("service.id"));
    }

    /** The command that answers to {@code name} (lower case), if any is published. */
    public Optional<Command> find(String name) {
        return published.values().stream().filter(p -> p.command().name().equals(name)).sorted(BEST_FIRST)
                .map(Published::command).findFirst();
    }

    /** One command per name, the one {@link #find} gives, sorted by name. */
    public List<Command> all() {
        Map<String, Command> byName = new TreeMap<>();
        published.values().stream().sorted(BEST_FIRST.reversed()).forEach(p -> byName.put(p.command().name(), p.command()));
        return List.copyOf(byName.values());
    }
}
