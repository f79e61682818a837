package micro.host;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed command line: a command with its arguments and the global options, each taken from
 * {@code --flag value}, {@code --flag=value}, the {@code MICRO_*} environment, or its default, in that
 * order. Options may stand before or after the command, as in the micro CLI.
 */
final class Options {

    private final Map<Flag, String> given = new EnumMap<>(Flag.class);
    private final Map<String, String> environment;
    private final List<String> arguments = new ArrayList<>();
    private boolean help;
    private boolean version;
    private boolean json;

    private Options(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Parses {@code args}.
     *
     * @throws UsageException naming the option that is unknown or lacks its value
     */
    static Options parse(String[] args, Map<String, String> environment) {
        Options options = new Options(environment);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                options.arguments.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                options.help = true;
            } else if (arg.equals("--json")) {
                options.json = true;
            } else if (arg.equals("--version") || arg.equals("-v")) {
                options.version = true;
            } else if (arg.startsWith("--") && arg.length() > 2) {
                int equals = arg.indexOf('=');
                String name = arg.substring(2, equals < 0 ? arg.length() : equals);
                Flag flag = Flag.named(name);
                if (flag == null) {
                    throw new UsageException("unknown option --" + name);
                }
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (flag.isSwitch()) {
                    boolean explicit = i + 1 < args.length && (args[i + 1].equals("true") || args[i + 1].equals("false"));
                    value = explicit ? args[++i] : "true";
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("option --" + name + " needs a value");
                }
                options.given.merge(flag, value, (a, b) -> a + flag.value.joiner() + b);
            } else {
                options.arguments.add(arg);
            }
        }
        return options;
    }

    /** The flag's value: given, from the environment, or its default (the bundles' Metatype default for most). */
    String get(Flag flag) {
        String value = given.get(flag);
        if (value == null) {
            value = environment.get(flag.env());
        }
        return value == null ? flag.defaultValue(metatype()) : value.trim();
    }

    /** Given on the command line or in the environment. */
    boolean isSet(Flag flag) {
        return given.containsKey(flag) || environment.containsKey(flag.env());
    }

    /** The Metatype of the embedded bundles, where the defaults and choices of the flags come from. */
    Metatype metatype() {
        return Metatype.embedded();
    }

    /** Server options given on the command line (not from the environment, which applies to all). */
    List<Flag> givenServerFlags() {
        return given.keySet().stream().filter(flag -> flag.serverOnly).toList();
    }

    List<String> arguments() {
        return arguments;
    }

    String command() {
        return arguments.isEmpty() ? null : arguments.get(0);
    }

    boolean help() {
        return help;
    }

    boolean version() {
        return version;
    }

    /** A command's answer as JSON, for scripts ({@code list services --json} is an array of names). */
    boolean json() {
        return json;
    }

    static String usage() {
        StringBuilder out = new StringBuilder();
        out.append("NAME:\n   micro - a microservices toolkit on OSGi\n\n");
        out.append("USAGE:\n   java -jar micro.jar [global options] command [arguments...]\n\n");
        out.append("COMMANDS:\n");
        out.append("   server                       Run the host: memory registry, HTTP transport, API gateway, web dashboard, greeter\n");
        out.append("   sidecar                      Run the sidecar for apps in any language, e.g. sidecar --server_name NAME\n");
        out.append("                                --server_address HOST:PORT [--healthcheck_url URL] (HTTP on 127.0.0.1:8081)\n");
        out.append("   bot                          Run the chat bot, e.g. bot --inputs irc --irc_address HOST:PORT --irc_channels '#ops'\n");
        out.append("                                --bot_allow alice --bot_admins alice (XMPP: --xmpp_jid --xmpp_password_file)\n");
        out.append("   list services                List the services in the registry of the running host\n");
        out.append("   get service NAME             Show a service's nodes, endpoints and schemas\n");
        out.append("   query NAME ENDPOINT [JSON]   Call an endpoint, e.g. query micro.srv.greeter Say.Hello '{\"name\":\"John\"}'\n");
        out.append("   stream NAME ENDPOINT [JSON]  Open a stream, e.g. stream micro.srv.greeter Say.Stream '{\"name\":\"John\",\"count\":3}'\n");
        out.append("   call NAME ENDPOINT [JSON]    The same as query, by micro's later name\n");
        out.append("   health NAME                  Call Debug.Health on every node of a service\n");
        out.append("   stats NAME                   Show Debug.Stats of every node: start, uptime, memory, threads, GC\n");
        out.append("   routes PATH                  Show how the API gateway resolves a path, e.g. routes /greeter/say/hello\n");
        out.append("   publish TOPIC JSON           Publish a message, e.g. publish micro.topic.greeted '{\"name\":\"John\"}'\n");
        out.append("   register service FILE|JSON   Register a service given as go-micro's JSON, or in a file of it\n");
        out.append("   deregister service FILE|JSON Deregister the nodes of a service given as JSON, or in a file\n");
        out.append("   help                         Show this help\n\n");
        out.append("GLOBAL OPTIONS:\n");
        Metatype metatype = Metatype.embedded();
        for (Flag flag : Flag.values()) {
            String defaultValue = flag.defaultValue(metatype);
            String left = "   --" + flag.name + (defaultValue.isEmpty() ? "" : " \"" + defaultValue + "\"");
            out.append(String.format("%-40s %s [$%s]%n", left, flag.description, flag.env()));
        }
        out.append(String.format("%-40s %s%n", "   --json", "Print a command's answer as JSON, for scripts"));
        out.append(String.format("%-40s %s%n", "   --help, -h", "Show this help"));
        out.append(String.format("%-40s %s%n", "   --version, -v", "Print the version"));
        return out.toString();
    }

    /** A command line that cannot be carried out, with what to say to its user. */
    static final class UsageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
