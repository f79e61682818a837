package micro.shell.internal;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the arguments given to {@code micro.jar VERB ARGS...} into one Gogo line in scope
 * {@code micro} whose arguments are session variables ({@code micro:query $micro_arg_1 ...}): Gogo
 * hands a variable's value to the command as it is, so no quote, {@code $}, {@code %(..)} or
 * {@code ;} in an argument is ever parsed. Only {@code micro:} commands can be formed: the endpoint
 * is no general remote shell.
 */
final class CommandLine {

    private static final Pattern VERB = Pattern.compile("[a-z][a-z_-]*");
    private static final String VARIABLE = "micro_arg_";

    private final String line;
    private final Map<String, String> variables;

    private CommandLine(String line, Map<String, String> variables) {
        this.line = line;
        this.variables = variables;
    }

    static CommandLine of(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("no command given\n\nusage:\n" + CommandTexts.USAGE);
        }
        String verb = args.get(0);
        if (verb == null || !VERB.matcher(verb).matches()) {
            throw new IllegalArgumentException("'" + verb + "' is not a micro command\n\nusage:\n" + CommandTexts.USAGE);
        }
        StringBuilder line = new StringBuilder("micro:").append(verb);
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            if (args.get(i) == null) {
                throw new IllegalArgumentException("argument " + i + " is null; every argument is a string");
            }
            variables.put(VARIABLE + i, args.get(i));
            line.append(" $").append(VARIABLE).append(i);
        }
        return new CommandLine(line.toString(), variables);
    }

    /** The Gogo line to execute once {@link #variables()} are set in the session. */
    String line() {
        return line;
    }

    Map<String, String> variables() {
        return variables;
    }

    String verb() {
        return line.substring("micro:".length(), line.indexOf(' ') < 0 ? line.length() : line.indexOf(' '));
    }
}
