package micro.shell.internal;

import java.util.List;
import java.util.function.Function;

import micro.api.MicroException;
import micro.api.command.Answer;
import micro.api.command.Command;

/**
 * One of the shell's commands as a {@link Command} service: its words are checked against
 * {@code minArgs}..{@code maxArgs} and handed to {@link CommandTexts}; misuse comes back as a 400
 * with this command's usage.
 */
record ShellCommand(String name, String usage, String description, boolean acts, int minArgs, int maxArgs,
        Function<List<String>, Answer> action) implements Command {

    @Override
    public String run(List<String> args) {
        return answer(args).text();
    }

    @Override
    public Answer answer(List<String> args) {
        if (args.isEmpty() && minArgs > 0) {
            throw misuse(name + " what?"); // micro's bot gave a bare "list" no answer at all
        }
        if (args.size() < minArgs || args.size() > maxArgs) {
            throw misuse((args.size() < minArgs ? "too few" : "too many") + " arguments for " + name);
        }
        try {
            return action.apply(args);
        } catch (CommandMisuse e) {
            throw misuse(e.getMessage());
        }
    }

    private MicroException misuse(String problem) {
        return MicroException.badRequest("micro.shell", problem + "\nusage: " + usage);
    }
}
