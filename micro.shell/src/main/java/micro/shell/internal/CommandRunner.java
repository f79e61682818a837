package micro.shell.internal;

import java.util.List;

import micro.api.MicroException;
import micro.api.command.Answer;
import micro.api.command.Command;
import micro.api.command.CommandSet;

/**
 * Runs one command sent to the host ({@code micro.jar list services}) with the {@link Command}
 * services it has: the first word names the command, the others go to it as they are — no shell
 * parses them, so no quote, {@code $} or {@code ;} means anything. An unknown command is a 404 with
 * the list of commands; misuse is the command's own 400; any other failure keeps its code.
 */
final class CommandRunner {

    private final CommandSet commands;

    CommandRunner(CommandSet commands) {
        this.commands = commands;
    }

    /** The command's text, ending in a newline. */
    String run(List<String> args) {
        String text = answer(args).text();
        return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
    }

    /** The command's answer: text, and data for {@code --json}. */
    Answer answer(List<String> args) {
        if (args.isEmpty() || args.get(0) == null || args.get(0).isBlank()) {
            throw MicroException.badRequest("micro.shell", "no command given\n\n" + usage());
        }
        if (args.stream().anyMatch(java.util.Objects::isNull)) {
            throw MicroException.badRequest("micro.shell", "an argument is null; every argument is a string");
        }
        String verb = args.get(0);
        Command command = commands.find(verb).orElseThrow(() -> MicroException.notFound("micro.shell", "unknown command '"
                + verb + "'\n\n" + usage()));
        try {
            return command.answer(args.subList(1, args.size()));
        } catch (MicroException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw MicroException.badRequest("micro.shell", e.getMessage());
        } catch (RuntimeException e) {
            throw MicroException.internal("micro.shell", verb + " failed: " + e);
        }
    }

    /** Every command there is, one a line with what it does. */
    String usage() {
        List<Command> all = commands.all();
        int width = all.stream().mapToInt(command -> command.usage().length()).max().orElse(0);
        StringBuilder text = new StringBuilder("usage:");
        for (Command command : all) {
            text.append("\n  ").append(command.usage()).append(" ".repeat(width - command.usage().length() + 2))
                    .append(command.description());
        }
        return text.toString();
    }
}
