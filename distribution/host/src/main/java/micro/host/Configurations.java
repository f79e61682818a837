package micro.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import micro.host.Options.UsageException;

/**
 * Turns the global options into ConfigAdmin configurations, one per PID, the same PIDs a Karaf user
 * sets with {@code config:edit}. The {@link Flag} table says which keys a flag sets; only flags that
 * were given are written, so every other key keeps the default of the bundle's Metatype. What is
 * left here is what no single flag knows: the registry, broker and transport a host runs, where their
 * addresses go, and the checks that span two flags.
 */
final class Configurations {

    /** The inputs micro.jar carries, each in bundle micro.bot.NAME with PID micro.bot.NAME. */
    static final List<String> BOT_INPUTS = List.of("xmpp", "irc", "slack");
    private static final Set<String> BOT_BUNDLES = Set.of("micro.bot", "micro.bot.xmpp", "micro.bot.irc", "micro.bot.slack");

    private Configurations() {
    }

    static Map<String, Hashtable<String, Object>> of(Options options) {
        Metatype metatype = options.metatype();
        Map<String, Hashtable<String, Object>> pids = new LinkedHashMap<>();
        String registry = (String) read(options, Flag.REGISTRY);
        String broker = (String) read(options, Flag.BROKER);
        String transport = (String) read(options, Flag.TRANSPORT);
        read(options, Flag.LOG_LEVEL);
        boolean sidecarCommand = isSidecarCommand(options);
        for (Flag flag : Flag.values()) {
            if (sidecarCommand && flag == Flag.SERVER_ADDRESS) {
                continue; // in 'micro.jar sidecar', as in micro's, it is the app's address
            }
            // The command endpoint is started only when configured: its address is always written.
            if (!flag.targets.isEmpty() && (options.isSet(flag) || flag == Flag.CLI_ADDRESS)) {
                Object value = read(options, flag);
                for (Flag.Target target : flag.targets) {
                    pid(pids, target.pid()).put(target.key(), typed(value, metatype.attribute(target.pid(), target.key())));
                }
            }
        }
        checkRenewalsComeBeforeExpiry(options);
        checkTlsFiles(options);
        wrappers(options);
        if (transport.equals("memory")) {
            pid(pids, "micro.transport.memory"); // its PID turns it on; the http bundle stays stopped
        }
        transportAddress(options, transport, pids);
        sidecarApps(options, pids);
        botInputs(options, pids);
        brokerAddress(options, broker, pids);
        registryAddress(options, registry, pids);
        Hashtable<String, Object> endpoint = pid(pids, "micro.shell.endpoint");
        endpoint.put("token_file", CommandClient.tokenFile((String) endpoint.get("address")).toString());
        return pids;
    }

    /**
     * Bundles the options leave out: the greeter when --greeter=false, the http transport for
     * --transport memory, the sidecar unless asked for, and gateway, web and greeter in 'micro.jar sidecar'.
     */
    static Set<String> bundlesNotStarted(Options options) {
        Set<String> left = new HashSet<>();
        if (!(Boolean) read(options, Flag.GREETER) || isSidecarCommand(options)) {
            left.add("micro.example.greeter");
        }
        if (isToolCommand(options)) {
            left.add("micro.gateway");
            left.add("micro.web");
        }
        if (isBotCommand(options)) {
            left.add("micro.example.greeter");
        } else {
            left.addAll(BOT_BUNDLES);
        }
        if (!runsSidecar(options)) {
            left.add("micro.sidecar");
        }
        if (options.get(Flag.TRANSPORT).equalsIgnoreCase("memory")) {
            left.add("micro.transport.http");
        }
        List<String> wrappers = wrappers(options);
        for (String wrapper : WRAPPERS) {
            if (!wrappers.contains(wrapper)) {
                left.add("micro.wrapper." + wrapper);
            }
        }
        return Set.copyOf(left);
    }

    /** The wrappers micro.jar carries, each in bundle micro.wrapper.NAME with PID micro.wrapper.NAME. */
    static final List<String> WRAPPERS = List.of("breaker", "ratelimit", "logging");

    /** The wrappers --wrappers asks for, checked against those there are. */
    static List<String> wrappers(Options options) {
        List<String> asked = new java.util.ArrayList<>();
        for (String name : options.get(Flag.WRAPPERS).split(",")) {
            String wrapper = name.trim().toLowerCase(java.util.Locale.ROOT);
            if (wrapper.isEmpty()) {
                continue;
            }
            if (!WRAPPERS.contains(wrapper)) {
                throw new UsageException("--wrappers takes " + String.join(", ", WRAPPERS) + "; got '" + name.trim() + "'");
            }
            asked.add(wrapper);
        }
        return asked;
    }

    static boolean isSidecarCommand(Options options) {
        return "sidecar".equals(options.command());
    }

    static boolean isBotCommand(Options options) {
        return "bot".equals(options.command());
    }

    /** A command that runs one edge tool (sidecar, bot) on a host without the gateway, web and greeter. */
    static boolean isToolCommand(Options options) {
        return isSidecarCommand(options) || isBotCommand(options);
    }

    /** The inputs the bot listens on: those --inputs names, else those whose flags were given (--irc_address: irc). */
    static String botInputs(Options options) {
        String inputs = options.get(Flag.INPUTS);
        if (!inputs.isBlank()) {
            return inputs;
        }
        List<String> configured = BOT_INPUTS.stream().filter(input -> java.util.Arrays.stream(Flag.values())
                .anyMatch(flag -> options.isSet(flag) && flag.targets.stream().anyMatch(t -> t.pid().equals("micro.bot." + input))))
                .toList();
        if (configured.isEmpty()) {
            throw new UsageException("the bot needs an input: --inputs " + String.join(",", BOT_INPUTS)
                    + " with its server, e.g. --inputs irc --irc_address 127.0.0.1:6667 --irc_channels '#ops'");
        }
        return String.join(",", configured);
    }

    /**
     * For 'micro.jar bot': every input of --inputs (all when none is named) gets its PID, so it starts
     * on its defaults; XMPP has none for the account, so it needs --xmpp_jid and --xmpp_password_file,
     * and Slack needs --slack_token_file.
     * Bot flags given to another command are a mistake: they would be ignored.
     */
    private static void botInputs(Options options, Map<String, Hashtable<String, Object>> pids) {
        if (!isBotCommand(options)) {
            for (Flag flag : Flag.values()) {
                if (flag.targets.stream().anyMatch(target -> target.pid().startsWith("micro.bot")) && options.isSet(flag)) {
                    throw new UsageException("--" + flag.name + " configures the chat bot: java -jar micro.jar bot --"
                            + flag.name + " ...");
                }
            }
            return;
        }
        String inputs = botInputs(options);
        pid(pids, "micro.bot").put("inputs", inputs);
        for (String input : inputs.split("[,\\s]+")) {
            if (input.isBlank()) {
                continue;
            }
            if (!BOT_INPUTS.contains(input)) {
                throw new UsageException("--inputs: no input '" + input + "'; the bot has " + String.join(", ", BOT_INPUTS));
            }
            pid(pids, "micro.bot." + input);
        }
        if (pids.containsKey("micro.bot.xmpp") && (!options.isSet(Flag.XMPP_JID) || !options.isSet(Flag.XMPP_PASSWORD_FILE))) {
            throw new UsageException("the xmpp input logs in as --xmpp_jid with the password in --xmpp_password_file, e.g. "
                    + "--xmpp_jid micro@example.com --xmpp_password_file ~/.micro/xmpp.password (or leave xmpp out of --inputs)");
        }
        if (pids.containsKey("micro.bot.slack") && !options.isSet(Flag.SLACK_TOKEN_FILE)) {
            throw new UsageException("the slack input needs --slack_token_file: a file with the app-level token (xapp-...) and "
                    + "the bot token (xoxb-...), one per line (or leave slack out of --inputs)");
        }
    }

    /** 'micro.jar sidecar', or a server given a sidecar address or an app. */
    static boolean runsSidecar(Options options) {
        return isSidecarCommand(options) || options.isSet(Flag.SIDECAR_ADDRESS) || options.isSet(Flag.APP);
    }

    /**
     * The sidecar's apps: every --app, and in 'micro.jar sidecar' the app of micro's own flags,
     * --server_name with --server_address (and --healthcheck_url).
     */
    private static void sidecarApps(Options options, Map<String, Hashtable<String, Object>> pids) {
        List<String> apps = new java.util.ArrayList<>(List.of((String[]) read(options, Flag.APP)));
        boolean named = options.isSet(Flag.SERVER_NAME);
        if (!isSidecarCommand(options)) {
            for (Flag sidecarOnly : List.of(Flag.SERVER_NAME, Flag.HEALTHCHECK_URL)) {
                if (options.isSet(sidecarOnly)) {
                    throw new UsageException("--" + sidecarOnly.name + " describes the app of 'micro.jar sidecar'; "
                            + "a server's sidecar takes --app NAME=HOST:PORT[,health=URL]");
                }
            }
        } else if (named != options.isSet(Flag.SERVER_ADDRESS)) {
            throw new UsageException("the sidecar registers an app given --server_name and --server_address together, e.g. "
                    + "--server_name micro.srv.greeter.py --server_address 127.0.0.1:9000");
        } else if (options.isSet(Flag.HEALTHCHECK_URL) && !named) {
            throw new UsageException("--healthcheck_url checks the app of --server_name and --server_address; give those too");
        } else if (named) {
            String health = options.get(Flag.HEALTHCHECK_URL);
            String app = options.get(Flag.SERVER_NAME) + "=" + FlagValue.ADDRESS.read(Flag.SERVER_ADDRESS,
                    options.get(Flag.SERVER_ADDRESS), List.of()) + (health.isBlank() ? "" : ",health=" + health);
            apps.add(0, ((String[]) FlagValue.APPS.read(Flag.SERVER_NAME, app, List.of()))[0]);
        }
        if (!apps.isEmpty()) {
            pid(pids, "micro.sidecar").put("apps", apps.toArray(String[]::new));
        }
    }

    /** The flag's value as its {@link FlagValue} reads it, checked against its choices. */
    private static Object read(Options options, Flag flag) {
        return flag.value.read(flag, options.get(flag), choices(flag, options.metatype()));
    }

    private static List<String> choices(Flag flag, Metatype metatype) {
        return switch (flag.value) {
            case CHOICE -> flag.choices(metatype);
            case ROUTES -> Flag.API_HANDLER.choices(metatype);
            default -> List.of();
        };
    }

    /** A flag's value as the Metatype type of the key it goes to. */
    private static Object typed(Object value, Metatype.Attribute attribute) {
        if (value instanceof Long number && attribute.type().equals("Integer")) {
            return Math.toIntExact(number);
        }
        return value;
    }

    private static Hashtable<String, Object> pid(Map<String, Hashtable<String, Object>> pids, String pid) {
        return pids.computeIfAbsent(pid, p -> new Hashtable<>());
    }

    /**
     * --transport nats turns the NATS transport on (its PID), at --transport_address, and serves over
     * it alone; the HTTP transport stays, for calls to nodes that speak HTTP.
     */
    private static void transportAddress(Options options, String transport, Map<String, Hashtable<String, Object>> pids) {
        String address = options.get(Flag.TRANSPORT_ADDRESS);
        if (transport.equals("nats")) {
            pid(pids, "micro.transport.nats").put("address", address.isBlank() ? "127.0.0.1:4222" : address);
            // Served over NATS alone, as asked; the server would listen on every transport installed.
            pid(pids, "micro.server").put("transports", new String[] {"nats"});
        } else if (!address.isBlank()) {
            throw new UsageException("--transport_address is for --transport nats: the " + transport + " transport listens on "
                    + "--server_address");
        }
    }

    /** Where a network broker is looked for when --broker_address is not given. */
    static String defaultBrokerAddress(String broker) {
        return broker.equals("rabbitmq") ? "127.0.0.1:5672" : "127.0.0.1:4222";
    }

    private static void checkRenewalsComeBeforeExpiry(Options options) {
        long ttl = (Long) read(options, Flag.REGISTER_TTL);
        long interval = (Long) read(options, Flag.REGISTER_INTERVAL);
        if (interval >= ttl) {
            throw new UsageException("--register_interval (" + interval + ") must be shorter than --register_ttl (" + ttl
                    + "), or registrations expire between renewals");
        }
    }

    private static void checkTlsFiles(Options options) {
        if (!(Boolean) read(options, Flag.ENABLE_TLS)) {
            return;
        }
        for (Flag file : List.of(Flag.TLS_CERT_FILE, Flag.TLS_KEY_FILE)) {
            String path = options.get(file);
            if (path.isBlank() || !Files.isReadable(Path.of(path))) {
                throw new UsageException("--enable_tls needs a readable --" + file.name + (path.isBlank() ? "" : "; cannot read " + path));
            }
        }
    }

    /**
     * --broker_address goes to the broker the host runs: NATS servers, RabbitMQ nodes (host:port or
     * amqp:// URLs), or where the http broker's subscribers listen.
     */
    private static void brokerAddress(Options options, String broker, Map<String, Hashtable<String, Object>> pids) {
        String address = options.get(Flag.BROKER_ADDRESS);
        if (broker.equals("nats") || broker.equals("rabbitmq")) {
            pid(pids, "micro.broker." + broker).put("address", address.isBlank() ? defaultBrokerAddress(broker) : address);
        } else if (!address.isBlank()) {
            pid(pids, "micro.broker.http").put("address", FlagValue.LISTEN_ADDRESS.read(Flag.BROKER_ADDRESS, address, List.of()));
        }
    }

    /** --registry_address goes to the distributed registry the host runs; the memory registry has none. */
    private static void registryAddress(Options options, String registry, Map<String, Hashtable<String, Object>> pids) {
        String addresses = options.get(Flag.REGISTRY_ADDRESS);
        switch (registry) {
            case "etcd" -> pid(pids, "micro.registry.etcd").put("endpoints", addresses.isBlank() ? "127.0.0.1:2379" : addresses);
            case "consul" -> pid(pids, "micro.registry.consul").put("address",
                    addresses.isBlank() ? "127.0.0.1:8500" : addresses.split(",")[0].trim());
            // in a pod the API server is found from its environment: an address only outside one
            case "kubernetes" -> pid(pids, "micro.registry.kubernetes").put("address",
                    addresses.isBlank() ? "" : addresses.split(",")[0].trim());
            default -> {
                if (!addresses.isBlank()) {
                    throw new UsageException("--registry_address is for a distributed registry; the memory registry has none");
                }
            }
        }
    }
}
