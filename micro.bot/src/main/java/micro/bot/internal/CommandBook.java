package micro.bot.internal;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import micro.api.command.Command;
import micro.api.command.CommandSet;

/**
 * Every command the bot knows, looked up by the first word of a message, always the same way: the
 * bot's own ({@code help}, {@code echo}, {@code time}, {@code hello}, {@code ping}) first, then
 * {@link Command} services (the shell's, the gateway's {@code routes}, a plugin's; chosen by
 * {@link CommandSet}: the higher {@code service.ranking}, then the older service), then the services of the bot
 * namespace. micro's bot matched regular expressions and, when several matched, picked one at random.
 */
final class CommandBook {

    private final Map<String, Command> builtins = new TreeMap<>();
    private final CommandSet services = new CommandSet();
    private final NamespaceCommands namespace;

    CommandBook(NamespaceCommands namespace) {
        this.namespace = namespace;
        add(new BuiltinCommand("help", "help [COMMAND]", "this list, or how to use one command", this::help));
        add(new BuiltinCommand("echo", "echo TEXT", "say TEXT back", args -> String.join(" ", args)));
        add(new BuiltinCommand("time", "time", "the time where the bot runs",
                args -> ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)));
        add(new BuiltinCommand("hello", "hello", "a greeting", args -> "hi"));
        add(new BuiltinCommand("ping", "ping", "check the bot is there", args -> "pong"));
    }

    private void add(Command builtin) {
        builtins.put(builtin.name(), builtin);
    }

    /** A {@link Command} service came, with its service properties. */
    void addService(Command command, Map<String, ?> properties) {
        services.add(command, properties);
    }

    void removeService(Map<String, ?> properties) {
        services.remove(properties);
    }

    /** The command {@code word} names, by the order in the class comment. */
    Optional<Command> find(String word) {
        String name = word.toLowerCase(java.util.Locale.ROOT);
        Command builtin = builtins.get(name);
        if (builtin != null) {
            return Optional.of(builtin);
        }
        Optional<Command> published = services.find(name);
        return published.isPresent() ? published : namespace.find(name);
    }

    /** One of each name, the one {@link #find} would run, sorted by name. */
    List<Command> all() {
        Map<String, Command> byName = new TreeMap<>();
        namespace.all().forEach(command -> byName.put(command.name(), command));
        services.all().forEach(command -> byName.put(command.name(), command));
        byName.putAll(builtins);
        return new ArrayList<>(byName.values());
    }

    private String help(List<String> args) {
        if (!args.isEmpty()) {
            return find(args.get(0)).map(command -> command.usage() + "\n" + command.description()
                    + (command.acts() ? "\n(admins only)" : "")).orElse("no command " + args.get(0) + "; say help");
        }
        List<Command> commands = all();
        int width = commands.stream().mapToInt(command -> command.usage().length()).max().orElse(0);
        StringBuilder text = new StringBuilder("commands (* for admins only):");
        for (Command command : commands) {
            text.append('\n').append(command.acts() ? "* " : "  ").append(pad(command.usage(), width)).append("  ")
                    .append(command.description());
        }
        return text.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
