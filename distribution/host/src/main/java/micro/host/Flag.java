package micro.host;

import java.util.List;
import java.util.Locale;

/**
 * A global option of micro.jar, as the micro CLI names it: {@code --NAME value}, or the environment
 * variable {@code MICRO_NAME}. This table is the one place a flag is declared: the PID keys it sets
 * ({@link Target}), how its text reads ({@link FlagValue}), and, for flags that only shape the host,
 * its default and choices. A flag that sets PID keys has no default of its own: the bundles' Metatype
 * gives it, and its choices, so the host never copies a bundle's defaults. {@code serverOnly} flags
 * shape the host and mean nothing to the commands that talk to a running host.
 */
enum Flag {

    REGISTRY("registry", "Registry for discovery: memory, etcd, consul, kubernetes", FlagValue.CHOICE,
            HostOnly.of("memory", "memory", "etcd", "consul", "kubernetes")),
    REGISTRY_ADDRESS("registry_address", "Comma-separated list of registry addresses", FlagValue.TEXT, HostOnly.of("")),
    BROKER("broker", "Broker for pub/sub: http, nats, rabbitmq", FlagValue.CHOICE, HostOnly.of("http", "http", "nats", "rabbitmq")),
    BROKER_ADDRESS("broker_address", "Comma-separated list of broker addresses", FlagValue.TEXT, HostOnly.of("")),
    SELECTOR("selector", "Selector used to pick nodes for querying: random, roundrobin", FlagValue.CHOICE,
            Target.of("micro.selector", "strategy")),
    TRANSPORT("transport", "Transport mechanism used: http, nats, memory (one process only)", FlagValue.CHOICE,
            HostOnly.of("http", "http", "nats", "memory")),
    TRANSPORT_ADDRESS("transport_address", "NATS servers of --transport nats, comma separated", FlagValue.TEXT, HostOnly.of("")),
    SERVER_ADDRESS("server_address", "Bind address for the server; port 0 picks a free one", FlagValue.LISTEN_ADDRESS,
            Target.of("micro.server", "address")),
    SERVER_ADVERTISE("server_advertise", "Used instead of the server_address when registering with discovery", FlagValue.TEXT,
            Target.of("micro.server", "advertise")),
    SERVER_METADATA("server_metadata", "Comma-separated key=value pairs added to every node", FlagValue.PAIRS,
            Target.of("micro.server", "metadata")),
    SERVER_VERSION("server_version", "Version the services register with when their handlers name none, e.g. 1.1.0",
            FlagValue.TEXT, Target.of("micro.server", "version")),
    SERVER_ID("server_id", "Id of the server: nodes register as NAME-ID. Auto-generated if not specified", FlagValue.TEXT,
            Target.of("micro.server", "id")),
    REGISTER_TTL("register_ttl", "Register TTL in seconds", FlagValue.POSITIVE,
            Target.of("micro.server", "register.ttl"), Target.of("micro.broker.http", "register.ttl"),
            Target.of("micro.sidecar", "register.ttl")),
    REGISTER_INTERVAL("register_interval", "Register interval in seconds", FlagValue.POSITIVE,
            Target.of("micro.server", "register.interval"), Target.of("micro.broker.http", "register.interval"),
            Target.of("micro.sidecar", "register.interval")),
    // One timeout, as in go-micro: the gateway's own deadline follows the client's.
    CLIENT_REQUEST_TIMEOUT("client_request_timeout", "Deadline of the whole call, every retry included (e.g. 500ms, 5s)",
            FlagValue.DURATION, Target.of("micro.client", "request.timeout.ms"), Target.of("micro.gateway", "request.timeout.ms")),
    CLIENT_RETRIES("client_retries", "Retries of a call after a 5xx reply (an unreachable node costs none)", FlagValue.COUNT,
            Target.of("micro.client", "retries")),
    API_ADDRESS("api_address", "Set the api address e.g 127.0.0.1:8080", FlagValue.LISTEN_ADDRESS,
            Target.of("micro.gateway", "address")),
    API_NAMESPACE("api_namespace", "Set the namespace used by the API e.g. com.example.api", FlagValue.TEXT,
            Target.of("micro.gateway", "namespace")),
    API_HANDLER("api_handler", "Handler mapping HTTP requests to services: rpc, api, proxy", FlagValue.CHOICE,
            Target.of("micro.gateway", "handler")),
    API_ROUTES("api_routes", "Comma-separated /PREFIX=HANDLER routes, e.g. /greeter/http/=api", FlagValue.ROUTES,
            Target.of("micro.gateway", "routes")),
    API_CORS("api_cors", "Comma separated whitelist of allowed origins for CORS", FlagValue.TEXT, Target.of("micro.gateway", "cors")),
    API_ACCESS_LOG("api_access_log", "Log every gateway request (logger micro.gateway.access)", FlagValue.SWITCH,
            Target.of("micro.gateway", "access.log")),
    ENABLE_TLS("enable_tls", "Enable TLS on the API gateway", FlagValue.SWITCH, Target.of("micro.gateway", "enable.tls")),
    TLS_CERT_FILE("tls_cert_file", "TLS certificate file (PEM)", FlagValue.TEXT, Target.of("micro.gateway", "tls.cert.file")),
    TLS_KEY_FILE("tls_key_file", "TLS key file (PEM, PKCS#8)", FlagValue.TEXT, Target.of("micro.gateway", "tls.key.file")),
    WEB_ADDRESS("web_address", "Set the web dashboard's address e.g. 127.0.0.1:8082; port 0 picks a free one",
            FlagValue.LISTEN_ADDRESS, Target.of("micro.web", "address")),
    WEB_NAMESPACE("web_namespace", "Namespace of the web apps the dashboard proxies /NAME/... to", FlagValue.TEXT,
            Target.of("micro.web", "namespace")),
    WEB_CORS("web_cors", "Comma separated whitelist of origins allowed to call the web dashboard from another page",
            FlagValue.TEXT, Target.of("micro.web", "cors")),
    SIDECAR_ADDRESS("sidecar_address", "Set the sidecar address e.g. 127.0.0.1:8081; given to 'server', it runs the sidecar too",
            FlagValue.LISTEN_ADDRESS, Target.of("micro.sidecar", "address")),
    SIDECAR_NAMESPACE("sidecar_namespace", "Namespace of the services the sidecar's POST /SERVICE/ENDPOINT paths name",
            FlagValue.TEXT, Target.of("micro.sidecar", "namespace")),
    SIDECAR_CORS("sidecar_cors", "Comma separated whitelist of origins allowed to call the sidecar from a browser", FlagValue.TEXT,
            Target.of("micro.sidecar", "cors")),
    SERVER_NAME("server_name", "sidecar: name of the app to register (with --server_address, the app's host:port)",
            FlagValue.TEXT, HostOnly.of("")),
    HEALTHCHECK_URL("healthcheck_url", "sidecar: URL that answers 200 while the app is healthy", FlagValue.TEXT, HostOnly.of("")),
    HEALTHCHECK_INTERVAL("healthcheck_interval", "sidecar: how often the apps' health URLs are asked (e.g. 30s)",
            FlagValue.DURATION, Target.of("micro.sidecar", "healthcheck.interval.ms")),
    APP("app", "sidecar: an app to register and keep healthy, NAME=HOST:PORT[,health=URL]; repeat for more", FlagValue.APPS,
            HostOnly.of("")),
    APP_MODE("app_mode", "sidecar: direct (apps serve micro's HTTP wire format) or forward (POST http://APP/Service/Method)",
            FlagValue.CHOICE, Target.of("micro.sidecar", "app.mode")),
    ENABLE_STATS("enable_stats", "Serve /stats (uptime, memory, requests by status class) on the gateway, sidecar and web",
            FlagValue.SWITCH, Target.of("micro.gateway", "enable.stats"), Target.of("micro.sidecar", "enable.stats"),
            Target.of("micro.web", "enable.stats")),
    INPUTS("inputs", "bot: inputs to listen on, comma separated: xmpp, irc, slack", FlagValue.TEXT,
            Target.of("micro.bot", "inputs")),
    BOT_NAMESPACE("bot_namespace", "bot: services NAMESPACE.CMD (Command.Help, Command.Exec) become command CMD", FlagValue.TEXT,
            Target.of("micro.bot", "namespace")),
    BOT_ALLOW("bot_allow", "bot: users who may talk to it, comma separated (alice@localhost, an IRC nick, irc:nick); empty: nobody",
            FlagValue.TEXT, Target.of("micro.bot", "allow")),
    BOT_ADMINS("bot_admins", "bot: users who may also query, call, stream, publish, register and run service commands",
            FlagValue.TEXT, Target.of("micro.bot", "admins")),
    XMPP_ADDRESS("xmpp_address", "bot: host:port of the XMPP server", FlagValue.TEXT, Target.of("micro.bot.xmpp", "address")),
    XMPP_JID("xmpp_jid", "bot: the bot's XMPP account, e.g. micro@example.com", FlagValue.TEXT, Target.of("micro.bot.xmpp", "jid")),
    XMPP_PASSWORD_FILE("xmpp_password_file", "bot: file holding the XMPP account's password", FlagValue.TEXT,
            Target.of("micro.bot.xmpp", "password.file")),
    XMPP_ROOMS("xmpp_rooms", "bot: XMPP rooms to join, comma separated, e.g. ops@conference.example.com", FlagValue.TEXT,
            Target.of("micro.bot.xmpp", "rooms")),
    XMPP_TLS("xmpp_tls", "bot: XMPP STARTTLS: required, ifpossible, disabled", FlagValue.CHOICE, Target.of("micro.bot.xmpp", "tls")),
    IRC_ADDRESS("irc_address", "bot: host:port of the IRC server", FlagValue.TEXT, Target.of("micro.bot.irc", "address")),
    IRC_NICK("irc_nick", "bot: the bot's IRC nick", FlagValue.TEXT, Target.of("micro.bot.irc", "nick")),
    IRC_CHANNELS("irc_channels", "bot: IRC channels to join, comma separated, e.g. #ops", FlagValue.TEXT,
            Target.of("micro.bot.irc", "channels")),
    SLACK_TOKEN_FILE("slack_token_file", "bot: file with the Slack app's xapp- (Socket Mode) and xoxb- (bot) tokens, one per line",
            FlagValue.TEXT, Target.of("micro.bot.slack", "token.file")),
    SLACK_CHANNELS("slack_channels", "bot: Slack channel ids where a mention is a command, comma separated (else DMs only)",
            FlagValue.TEXT, Target.of("micro.bot.slack", "channels")),
    WRAPPERS("wrappers", "Wrappers around every call, comma separated: breaker (503 once a service fails), ratelimit (429), "
            + "logging (a line per served call); PIDs micro.wrapper.*", FlagValue.TEXT, HostOnly.of("")),
    GREETER("greeter", "Serve the greeter example (micro.srv.greeter, micro.api.greeter)", FlagValue.SWITCH, HostOnly.of("true")),
    LOG_LEVEL("log_level", "Log level of the host: error, warn, info, debug", FlagValue.CHOICE,
            HostOnly.of("info", "trace", "debug", "info", "warn", "error", "off")),
    CLI_ADDRESS("cli_address", "Where the host accepts micro.jar commands", FlagValue.LISTEN_ADDRESS, false,
            Target.of("micro.shell.endpoint", "address"));

    /** A PID key the flag sets. */
    record Target(String pid, String key) {
        static Target of(String pid, String key) {
            return new Target(pid, key);
        }
    }

    /** For a flag that only shapes the host: its default and, for a choice, what it may be. */
    record HostOnly(String defaultValue, List<String> choices) {
        static HostOnly of(String defaultValue, String... choices) {
            return new HostOnly(defaultValue, List.of(choices));
        }
    }

    final String name;
    final String description;
    final FlagValue value;
    final boolean serverOnly;
    final List<Target> targets;
    final HostOnly host;

    Flag(String name, String description, FlagValue value, Target... targets) {
        this(name, description, value, true, targets);
    }

    Flag(String name, String description, FlagValue value, boolean serverOnly, Target... targets) {
        this.name = name;
        this.description = description;
        this.value = value;
        this.serverOnly = serverOnly;
        this.targets = List.of(targets);
        this.host = null;
    }

    Flag(String name, String description, FlagValue value, HostOnly host) {
        this.name = name;
        this.description = description;
        this.value = value;
        this.serverOnly = true;
        this.targets = List.of();
        this.host = host;
    }

    /** Options that shape how commands reach services: given to a command, they make it run its own host. */
    boolean isClientSide() {
        return this == REGISTRY || this == REGISTRY_ADDRESS || this == BROKER || this == BROKER_ADDRESS || this == SELECTOR
                || this == CLIENT_REQUEST_TIMEOUT || this == CLIENT_RETRIES || this == LOG_LEVEL;
    }

    /** A flag that may stand alone ({@code --enable_tls}) for true. */
    boolean isSwitch() {
        return value == FlagValue.SWITCH;
    }

    /** The default: the host's own, or the Metatype default of the first key it sets, written as the flag reads. */
    String defaultValue(Metatype metatype) {
        if (host != null) {
            return host.defaultValue();
        }
        Target first = targets.get(0);
        return value.asFlagText(metatype.attribute(first.pid(), first.key()).defaultValue());
    }

    /** What a choice may be: the host's list, or the options of the first key's Metatype. */
    List<String> choices(Metatype metatype) {
        if (host != null) {
            return host.choices();
        }
        Target first = targets.get(0);
        return metatype.attribute(first.pid(), first.key()).options();
    }

    String env() {
        return "MICRO_" + name.toUpperCase(Locale.ROOT);
    }

    static Flag named(String name) {
        for (Flag flag : values()) {
            if (flag.name.equals(name)) {
                return flag;
            }
        }
        return null;
    }
}
