package micro.shell.internal;

import java.util.List;
import java.util.function.Supplier;

import micro.api.command.Answer;
import micro.api.command.Command;

/**
 * The shell's commands as {@link Command} services: the one place micro's commands are defined, run
 * by every shell (Karaf's {@code micro:} commands, {@code micro.jar} through the command endpoint),
 * the chat bot and the web CLI, so the answers match everywhere. {@code register} and {@code deregister} take the service as JSON only: whoever sends a
 * command must not make the host read one of its files.
 */
final class ShellCommands {

    private ShellCommands() {
    }

    static List<Command> of(Supplier<CommandTexts> texts) {
        return List.of(
                new ShellCommand("list", "list services", "list the services in the registry", false, 1, 1,
                        args -> texts.get().list(args.get(0))),
                new ShellCommand("get", "get service NAME", "show a service's nodes and endpoints", false, 2, 2,
                        args -> texts.get().get(args.get(0), args.get(1))),
                new ShellCommand("health", "health NAME", "call Debug.Health on every node of a service", false, 1, 1,
                        args -> texts.get().health(args.get(0))),
                new ShellCommand("stats", "stats NAME", "show Debug.Stats of every node of a service: uptime, memory, threads, GC",
                        false, 1, 1, args -> texts.get().stats(args.get(0))),
                query("query", texts),
                query("call", texts),
                new ShellCommand("stream", "stream NAME ENDPOINT [JSON]", "open a stream and show every message it sends",
                        true, 2, 3, args -> texts.get().stream(args.get(0), args.get(1), json(args, 2))),
                new ShellCommand("publish", "publish TOPIC JSON", "publish a JSON message on a topic", true, 2, 2,
                        args -> Answer.text(texts.get().publish(args.get(0), args.get(1)))),
                new ShellCommand("register", "register service JSON", "register a service given as go-micro's JSON",
                        true, 2, 2, args -> Answer.text(texts.get().register(args.get(0), inlineJson(args.get(1), "register")))),
                new ShellCommand("deregister", "deregister service JSON", "deregister the nodes of a service given as JSON",
                        true, 2, 2, args -> Answer.text(texts.get().deregister(args.get(0), inlineJson(args.get(1), "deregister")))));
    }

    private static Command query(String name, Supplier<CommandTexts> texts) {
        return new ShellCommand(name, name + " NAME ENDPOINT [JSON]", "call an endpoint of a service with a JSON request",
                true, 2, 3, args -> texts.get().query(args.get(0), args.get(1), json(args, 2)));
    }

    private static String json(List<String> args, int index) {
        return args.size() > index ? args.get(index) : "{}";
    }

    private static String inlineJson(String argument, String verb) {
        if (!argument.stripLeading().startsWith("{")) {
            throw new CommandMisuse(verb + " takes the service as JSON here, not a file name");
        }
        return argument;
    }
}
