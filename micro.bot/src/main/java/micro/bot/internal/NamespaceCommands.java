package micro.bot.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import micro.api.client.Client;
import micro.api.command.Command;
import micro.api.registry.Registry;
import micro.api.registry.RegistryEvent;
import micro.api.registry.Service;
import micro.api.registry.Watch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services of the bot namespace ({@code micro.bot} by default) as commands: {@code micro.bot.uptime}
 * is command {@code uptime} while any node of it is registered. Found by one registry watch, and by a
 * listing whenever the registry or the namespace changes; a service whose last node leaves is dropped.
 */
final class NamespaceCommands implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceCommands.class);

    private final Supplier<Client> client;
    private final ExecutorService worker;
    private final Map<String, CommandService> byName = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private Registry watched; // guarded by lock
    private Watch watch; // guarded by lock
    private volatile String prefix;

    /** {@code worker}: where registry reads and Command.Help calls run, never an input's thread. */
    NamespaceCommands(String namespace, Supplier<Client> client, ExecutorService worker) {
        this.prefix = namespace + ".";
        this.client = client;
        this.worker = worker;
    }

    Optional<Command> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    List<Command> all() {
        return List.copyOf(byName.values());
    }

    /** Follows {@code registry} (null: none installed) in {@code namespace}, from a fresh listing. */
    void follow(Registry registry, String namespace) {
        synchronized (lock) {
            if (registry == watched && prefix.equals(namespace + ".")) {
                return;
            }
            if (watch != null) {
                watch.close();
                watch = null;
            }
            watched = registry;
            prefix = namespace + ".";
            byName.clear();
            if (registry != null) {
                watch = registry.watch(null, this::onEvent);
                worker.execute(() -> list(registry));
            }
        }
    }

    private void list(Registry registry) {
        try {
            registry.listServices().forEach(service -> appeared(service.name()));
        } catch (RuntimeException e) {
            LOG.warn("cannot list the bot's service commands in {}: {}", registry.name(), e.getMessage());
        }
    }

    private void onEvent(RegistryEvent event) {
        String service = event.service().name();
        if (!service.startsWith(prefix)) {
            return;
        }
        if (event.type() == RegistryEvent.Type.DELETE) {
            worker.execute(() -> leftMaybe(service));
        } else {
            appeared(service);
        }
    }

    private void appeared(String service) {
        if (!service.startsWith(prefix) || service.length() == prefix.length()) {
            return;
        }
        String name = service.substring(prefix.length());
        CommandService command = new CommandService(name, service, client);
        if (byName.putIfAbsent(name, command) == null) {
            LOG.info("bot command {} from service {}", name, service);
            worker.execute(command::learnHelp);
        }
    }

    /** A node of {@code service} left: the command goes with the last one. */
    private void leftMaybe(String service) {
        Registry registry;
        synchronized (lock) {
            registry = watched;
        }
        List<Service> left = registry == null ? List.of() : registry.getService(service);
        if (left.stream().allMatch(version -> version.nodes().isEmpty())) {
            if (byName.remove(service.substring(prefix.length())) != null) {
                LOG.info("bot command {} gone with service {}", service.substring(prefix.length()), service);
            }
        }
    }

    @Override
    public void close() {
        follow(null, prefix.substring(0, prefix.length() - 1));
    }
}
