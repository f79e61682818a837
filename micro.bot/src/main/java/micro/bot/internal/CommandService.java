package micro.bot.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.client.Client;
import micro.api.command.Command;

/**
 * A service of the bot namespace run as a command, as micro's bot did: {@code uptime} calls
 * {@code Command.Exec} of {@code micro.bot.uptime} with {@code {"args": [...]}} and shows its
 * {@code result}, or its {@code error}. Usage and description come from its {@code Command.Help},
 * asked once when the service appears. Such a command calls a service, so only admins run it.
 */
final class CommandService implements Command {

    static final String HELP_ENDPOINT = "Command.Help";
    static final String EXEC_ENDPOINT = "Command.Exec";
    private static final CallOptions HELP_CALL = CallOptions.defaults().withTimeout(Duration.ofSeconds(5)).withRetries(1);

    /** {@code Command.Help}'s answer. */
    record Help(String usage, String description) {
    }

    /** {@code Command.Exec}'s request. */
    record Exec(List<String> args) {
    }

    /** {@code Command.Exec}'s answer. */
    record Result(String result, String error) {
    }

    private final String name;
    private final String service;
    private final Supplier<Client> client;
    private volatile Help help;

    CommandService(String name, String service, Supplier<Client> client) {
        this.name = name;
        this.service = service;
        this.client = client;
    }

    /** Asks the service how it is used; until it answers (or when it does not), the name stands for the usage. */
    void learnHelp() {
        try {
            help = client.get().call(service, HELP_ENDPOINT, Map.of(), Help.class, HELP_CALL);
        } catch (MicroException e) {
            help = new Help(name, "service " + service + " (its " + HELP_ENDPOINT + " failed: " + e.detail() + ")");
        }
    }

    String service() {
        return service;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String usage() {
        Help known = help;
        return known == null || known.usage() == null || known.usage().isBlank() ? name : known.usage();
    }

    @Override
    public String description() {
        Help known = help;
        return known == null || known.description() == null ? "service " + service : known.description();
    }

    @Override
    public boolean acts() {
        return true;
    }

    @Override
    public String run(List<String> args) {
        Result result = client.get().call(service, EXEC_ENDPOINT, new Exec(args), Result.class, CallOptions.defaults());
        if (result.error() != null && !result.error().isBlank()) {
            throw MicroException.badRequest(service, result.error());
        }
        return result.result() == null ? "" : result.result();
    }
}
