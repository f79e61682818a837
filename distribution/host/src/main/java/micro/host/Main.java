package micro.host;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import micro.host.Options.UsageException;

/**
 * {@code java -jar micro.jar}: {@code server} runs the embedded host, {@code sidecar} one with only
 * the sidecar at its edge, {@code bot} one with only the chat bot; {@code list}, {@code get},
 * {@code query} and {@code health} act on a running host through its command endpoint.
 */
public final class Main {

    private static final Set<String> HOST_COMMANDS = Set.of("list", "get", "query", "call", "stream", "health", "stats", "routes", "publish",
            "register", "deregister");
    private static final String VERSION = "0.1.0";

    /**
     * Jetty sizes a queue's padding by asking the platform MBean server whether oops are compressed; the
     * question starts all of JMX (about 0.15 s of a cold start). The answer for a heap under 32 GB is 16.
     */
    private static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        }
        boolean startsAHost = java.util.Arrays.stream(args).anyMatch(HOST_STARTING::contains);
        if (startsAHost) {
            FrameworkAhead.begin(Host.frameworkProperties()); // while the options are read
        }
        int exit;
        try {
            exit = run(args, System.getenv(), System.out, System.err);
        } finally {
            FrameworkAhead.discard(); // a misused flag: no host took it
        }
        System.exit(exit);
    }

    /** The commands that start a host of their own. */
    private static final java.util.Set<String> HOST_STARTING = java.util.Set.of("server", "sidecar", "bot");

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args, environment);
        } catch (UsageException e) {
            return misuse(err, e.getMessage());
        }
        String command = options.command();
        if (options.version()) {
            out.println("micro version " + VERSION);
            return 0;
        }
        if (options.help() || command == null || command.equals("help")) {
            out.print(Options.usage());
            return 0;
        }
        try {
            if (command.equals("server") || command.equals("sidecar") || command.equals("bot")) {
                if (options.arguments().size() > 1) {
                    return misuse(err, command + " takes no arguments, only options; got " + options.arguments().subList(1,
                            options.arguments().size()));
                }
                return runServer(options, out, err);
            }
            if (HOST_COMMANDS.contains(command)) {
                List<Flag> given = options.givenServerFlags();
                for (Flag flag : given) {
                    if (!flag.isClientSide()) {
                        return misuse(err, "--" + flag.name + " configures 'micro.jar server'; '" + command
                                + "' acts on the running host at " + options.get(Flag.CLI_ADDRESS));
                    }
                }
                if (given.contains(Flag.REGISTRY) || given.contains(Flag.REGISTRY_ADDRESS) || given.contains(Flag.BROKER)
                        || given.contains(Flag.BROKER_ADDRESS)) {
                    return OneShotHost.run(options, out, err);
                }
                if (!given.isEmpty()) {
                    return misuse(err, "--" + given.get(0).name + " needs --registry: without it '" + command
                            + "' acts on the running host at " + options.get(Flag.CLI_ADDRESS));
                }
                String cli = (String) FlagValue.ADDRESS.read(Flag.CLI_ADDRESS, options.get(Flag.CLI_ADDRESS), List.of());
                return CommandClient.send(cli, withFileContent(options.arguments()), options.json(), out, err);
            }
            return misuse(err, "unknown command '" + command + "'");
        } catch (UsageException e) {
            return misuse(err, e.getMessage());
        }
    }

    /**
     * {@code register service FILE}: this process reads the file and sends its content, so the host
     * never opens a file a command names (it may run as another user, or be asked by someone else).
     */
    private static List<String> withFileContent(List<String> args) {
        if (args.size() == 3 && (args.get(0).equals("register") || args.get(0).equals("deregister"))
                && !args.get(2).stripLeading().startsWith("{")) {
            java.nio.file.Path file = java.nio.file.Path.of(args.get(2));
            try {
                return List.of(args.get(0), args.get(1), java.nio.file.Files.readString(file));
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                throw new UsageException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
            }
        }
        return args;
    }

    private static int misuse(PrintStream err, String message) {
        err.println("error: " + message);
        err.println("run 'java -jar micro.jar --help' for commands and options");
        return 2;
    }

    private static int runServer(Options options, PrintStream out, PrintStream err) {
        Map<String, java.util.Hashtable<String, Object>> configurations = Configurations.of(options);
        configureLogging(options.get(Flag.LOG_LEVEL));
        long started = System.nanoTime();
        Host host;
        try {
            host = Host.start(null, configurations, Configurations.bundlesNotStarted(options));
        } catch (Exception e) {
            err.println("error: the host did not start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("micro host stopping: deregistering services");
            host.close();
            out.println("micro host stopped");
        }, "micro-shutdown"));
        try {
            String address = awaitServerAddress(host, options.get(Flag.TRANSPORT).equals("nats"));
            if (address == null) {
                err.println("error: the server did not start listening on " + options.get(Flag.SERVER_ADDRESS)
                        + " (see the log above)");
                return 1;
            }
            if (host.awaitEdge("commands", Duration.ofSeconds(5)) == null) {
                err.println("error: cannot accept commands on " + options.get(Flag.CLI_ADDRESS)
                        + " (is another host running? pick another --cli_address)");
                return 1;
            }
            boolean sidecarOnly = Configurations.isToolCommand(options);
            String gateway = sidecarOnly ? null : host.awaitEdge("gateway", Duration.ofSeconds(10));
            if (!sidecarOnly && gateway == null) {
                err.println("error: the API gateway did not start on " + options.get(Flag.API_ADDRESS)
                        + "; the reason is in the log above");
                return 1;
            }
            String web = sidecarOnly ? null : host.awaitEdge("web", Duration.ofSeconds(10));
            if (!sidecarOnly && web == null) {
                err.println("error: the web dashboard did not start on " + options.get(Flag.WEB_ADDRESS)
                        + "; the reason is in the log above (pick another --web_address)");
                return 1;
            }
            String sidecar = Configurations.runsSidecar(options) ? host.awaitEdge("sidecar", Duration.ofSeconds(10)) : null;
            if (Configurations.runsSidecar(options) && sidecar == null) {
                err.println("error: the sidecar did not start on " + options.get(Flag.SIDECAR_ADDRESS)
                        + "; the reason is in the log above");
                return 1;
            }
            boolean bot = Configurations.isBotCommand(options);
            if (bot && host.awaitService("micro.bot.internal.Bot", Duration.ofSeconds(10)) == null) {
                err.println("error: the bot did not start; the reason is in the log above");
                return 1;
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            // One write, so that nobody reading the output sees half a banner.
            out.print("micro " + (sidecarOnly ? options.command() : "host") + " started in " + millis + " ms\n"
                    + "  registry   " + registryText(options) + "\n"
                    + "  transport  " + options.get(Flag.TRANSPORT) + " on " + address + "\n"
                    + "  broker     " + brokerText(options) + "\n"
                    + (gateway == null ? "" : "  gateway    " + gateway + "   namespace " + options.get(Flag.API_NAMESPACE)
                            + ", handler " + options.get(Flag.API_HANDLER) + "\n")
                    + (web == null ? "" : "  web        " + web + "   dashboard, namespace " + options.get(Flag.WEB_NAMESPACE) + "\n")
                    + (sidecar == null ? "" : "  sidecar    " + sidecar + "   namespace " + options.get(Flag.SIDECAR_NAMESPACE)
                            + ", apps: " + appsText(options) + "\n")
                    + (bot ? "  bot        inputs " + Configurations.botInputs(options) + "; commands as services in "
                            + options.get(Flag.BOT_NAMESPACE) + ".*\n" : "")
                    + (sidecarOnly ? "" : "  services   " + String.join(", ", servedServices(host)) + "\n")
                    + (Configurations.wrappers(options).isEmpty() ? "" : "  wrappers   "
                            + String.join(", ", Configurations.wrappers(options)) + "\n")
                    + "  commands   " + options.get(Flag.CLI_ADDRESS) + "   e.g. java -jar micro.jar list services\n");
            out.flush();
            host.awaitStop();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** slf4j-simple reads its settings once, at the first logger: set them before the host starts. */
    static void configureLogging(String level) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    }

    private static String appsText(Options options) {
        java.util.List<String> apps = new java.util.ArrayList<>();
        if (Configurations.isSidecarCommand(options) && options.isSet(Flag.SERVER_NAME)) {
            apps.add(options.get(Flag.SERVER_NAME) + " at " + options.get(Flag.SERVER_ADDRESS));
        }
        for (String app : (String[]) FlagValue.APPS.read(Flag.APP, options.get(Flag.APP), List.of())) {
            apps.add(app.substring(0, app.indexOf('=')) + " at " + app.substring(app.indexOf('=') + 1).split(",")[0]);
        }
        return apps.isEmpty() ? "none yet (POST /registry registers one)" : String.join(", ", apps);
    }

    private static String brokerText(Options options) {
        String broker = options.get(Flag.BROKER);
        String address = options.get(Flag.BROKER_ADDRESS).isBlank() ? Configurations.defaultBrokerAddress(broker)
                : options.get(Flag.BROKER_ADDRESS);
        // an amqp://user:password@host URL: the password stays out of the banner
        return broker.equals("http") ? broker : broker + " at " + address.replaceAll("(://[^:/@]*):[^@/]*@", "$1:***@");
    }

    private static String registryText(Options options) {
        String registry = options.get(Flag.REGISTRY);
        String defaultAddress = switch (registry) {
            case "consul" -> "127.0.0.1:8500";
            case "kubernetes" -> "the cluster's API server";
            default -> "127.0.0.1:2379";
        };
        return registry.equals("memory") ? registry : registry + " at " + (options.get(Flag.REGISTRY_ADDRESS).isBlank()
                ? defaultAddress : options.get(Flag.REGISTRY_ADDRESS));
    }

    /**
     * The address the server listens on: with --transport nats, once it listens on NATS (a subject,
     * not the host:port it takes first while the NATS transport starts).
     */
    private static String awaitServerAddress(Host host, boolean onNats) throws InterruptedException {
        Object server = host.awaitService("micro.api.server.Server", Duration.ofSeconds(10));
        if (server == null) {
            return null;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() - deadline < 0) {
            Object address = Host.call(server, "address");
            if (address != null && (!onNats || !address.toString().contains(":"))) {
                return address.toString();
            }
            Thread.sleep(10);
        }
        return null;
    }

    private static List<String> servedServices(Host host) throws InterruptedException {
        Object server = host.awaitService("micro.api.server.Server", Duration.ofSeconds(1));
        Object services = server == null ? null : Host.call(server, "services");
        if (!(services instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(service -> String.valueOf(Host.call(service, "name"))).sorted().toList();
    }
}
