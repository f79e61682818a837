package micro.shell.internal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the arguments given to {@code micro.jar VERB ARGS...} into one Gogo line in scope
 * {@code micro}, quoting each argument so that JSON and spaces arrive unchanged. Only {@code micro:}
 * commands can be formed: the endpoint is no general remote shell.
 */
final class CommandLine {

    private static final Pattern VERB = Pattern.compile("[a-z][a-z_-]*");

    private CommandLine() {
    }

    static String toGogo(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("no command given\n\nusage:\n" + CommandTexts.USAGE);
        }
        String verb = args.get(0);
        if (!VERB.matcher(verb).matches()) {
            throw new IllegalArgumentException("'" + verb + "' is not a micro command\n\nusage:\n" + CommandTexts.USAGE);
        }
        StringBuilder line = new StringBuilder("micro:").append(verb);
        for (String arg : args.subList(1, args.size())) {
            line.append(' ').append(quote(arg));
        }
        return line.toString();
    }

    /** Single quotes keep everything literal in Gogo; text holding one is double quoted and escaped. */
    static String quote(String arg) {
        if (arg.indexOf('\'') < 0) {
            return "'" + arg + "'";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : arg.toCharArray()) {
            if (c == '"' || c == '\\' || c == '$') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
