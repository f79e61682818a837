package micro.host;

import java.util.Locale;

/**
 * A global option of micro.jar, as the micro CLI names it: {@code --NAME value}, or the environment
 * variable {@code MICRO_NAME}. {@code serverOnly} options shape the host and mean nothing to the
 * commands that talk to a running host.
 */
enum Flag {

    REGISTRY("registry", "memory", "Registry for discovery: memory, etcd, consul", true),
    REGISTRY_ADDRESS("registry_address", "", "Comma-separated list of registry addresses", true),
    BROKER("broker", "http", "Broker for pub/sub: http, nats", true),
    BROKER_ADDRESS("broker_address", "", "Comma-separated list of broker addresses", true),
    SELECTOR("selector", "random", "Selector used to pick nodes for querying: random, roundrobin", true),
    TRANSPORT("transport", "http", "Transport mechanism used: http, memory (one process only)", true),
    SERVER_ADDRESS("server_address", "127.0.0.1:0", "Bind address for the server; port 0 picks a free one", true),
    SERVER_ADVERTISE("server_advertise", "", "Used instead of the server_address when registering with discovery", true),
    SERVER_METADATA("server_metadata", "", "Comma-separated key=value pairs added to every node", true),
    REGISTER_TTL("register_ttl", "60", "Register TTL in seconds", true),
    REGISTER_INTERVAL("register_interval", "30", "Register interval in seconds", true),
    CLIENT_REQUEST_TIMEOUT("client_request_timeout", "5s", "Deadline of the whole call, every retry included (e.g. 500ms, 5s)", true),
    CLIENT_RETRIES("client_retries", "1", "Retries of a call after a 5xx reply (an unreachable node costs none)", true),
    API_ADDRESS("api_address", "127.0.0.1:8080", "Set the api address e.g 127.0.0.1:8080", true),
    API_NAMESPACE("api_namespace", "micro.api", "Set the namespace used by the API e.g. com.example.api", true),
    API_HANDLER("api_handler", "rpc", "Handler mapping HTTP requests to services: rpc, api, proxy", true),
    API_ROUTES("api_routes", "", "Comma-separated /PREFIX=HANDLER routes, e.g. /greeter/http/=api", true),
    API_CORS("api_cors", "", "Comma separated whitelist of allowed origins for CORS", true),
    API_ACCESS_LOG("api_access_log", "false", "Log every gateway request (logger micro.gateway.access)", true),
    ENABLE_TLS("enable_tls", "false", "Enable TLS on the API gateway", true),
    TLS_CERT_FILE("tls_cert_file", "", "TLS certificate file (PEM)", true),
    TLS_KEY_FILE("tls_key_file", "", "TLS key file (PEM, PKCS#8)", true),
    GREETER("greeter", "true", "Serve the greeter example (micro.srv.greeter, micro.api.greeter)", true),
    LOG_LEVEL("log_level", "info", "Log level of the host: error, warn, info, debug", true),
    CLI_ADDRESS("cli_address", "127.0.0.1:8089", "Where the host accepts micro.jar commands", false);

    /** Options that shape how commands reach services: given to a command, they make it run its own host. */
    boolean isClientSide() {
        return this == REGISTRY || this == REGISTRY_ADDRESS || this == BROKER || this == BROKER_ADDRESS || this == SELECTOR || this == CLIENT_REQUEST_TIMEOUT
                || this == CLIENT_RETRIES || this == LOG_LEVEL;
    }

    final String name;
    final String defaultValue;
    final String description;
    final boolean serverOnly;

    Flag(String name, String defaultValue, String description, boolean serverOnly) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.description = description;
        this.serverOnly = serverOnly;
    }

    /** A flag that may stand alone ({@code --enable_tls}) for true. */
    boolean isSwitch() {
        return this == ENABLE_TLS || this == GREETER || this == API_ACCESS_LOG;
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
