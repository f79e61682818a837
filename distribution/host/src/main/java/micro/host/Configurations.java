package micro.host;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import micro.host.Options.UsageException;

/**
 * Turns the global options into ConfigAdmin configurations, one per PID, the same PIDs a Karaf user
 * sets with {@code config:edit}. Keys are as DS derives them from the Metatype attribute methods:
 * {@code register_ttl()} reads the key {@code register.ttl}. Values are checked here so that a typo fails at once with a message,
 * not later inside a component.
 */
final class Configurations {

    static final Set<String> REGISTRIES = Set.of("memory", "etcd", "consul");
    static final Set<String> TRANSPORTS = Set.of("http", "memory");
    static final Set<String> SELECTORS = Set.of("random", "roundrobin");
    static final Set<String> BROKERS = Set.of("http", "nats");

    private Configurations() {
    }

    static Map<String, Hashtable<String, Object>> of(Options options) {
        String registry = oneOf(Flag.REGISTRY, options.get(Flag.REGISTRY), REGISTRIES);
        String transport = oneOf(Flag.TRANSPORT, options.get(Flag.TRANSPORT), TRANSPORTS);
        String selector = oneOf(Flag.SELECTOR, options.get(Flag.SELECTOR), SELECTORS);
        oneOf(Flag.LOG_LEVEL, options.get(Flag.LOG_LEVEL), LOG_LEVELS);
        long ttl = positive(Flag.REGISTER_TTL, options.get(Flag.REGISTER_TTL));
        long interval = positive(Flag.REGISTER_INTERVAL, options.get(Flag.REGISTER_INTERVAL));
        if (interval >= ttl) {
            throw new UsageException("--register_interval (" + interval + ") must be shorter than --register_ttl (" + ttl
                    + "), or registrations expire between renewals");
        }
        Map<String, Hashtable<String, Object>> pids = new LinkedHashMap<>();
        if (transport.equals("memory")) {
            pids.put("micro.transport.memory", new Hashtable<>()); // its PID turns it on; the http bundle stays stopped
        }

        Hashtable<String, Object> server = new Hashtable<>();
        server.put("address", local(Flag.SERVER_ADDRESS, address(Flag.SERVER_ADDRESS, options.get(Flag.SERVER_ADDRESS))));
        server.put("advertise", options.get(Flag.SERVER_ADVERTISE));
        server.put("register.ttl", ttl);
        server.put("register.interval", interval);
        server.put("metadata", metadata(options.get(Flag.SERVER_METADATA)));
        pids.put("micro.server", server);

        Hashtable<String, Object> client = new Hashtable<>();
        client.put("request.timeout.ms", millis(Flag.CLIENT_REQUEST_TIMEOUT, options.get(Flag.CLIENT_REQUEST_TIMEOUT)));
        client.put("retries", (int) nonNegative(Flag.CLIENT_RETRIES, options.get(Flag.CLIENT_RETRIES)));
        pids.put("micro.client", client);

        Hashtable<String, Object> selection = new Hashtable<>();
        selection.put("strategy", selector);
        pids.put("micro.selector", selection);

        Hashtable<String, Object> gateway = gateway(options);
        // The gateway's own deadline follows the client's when the flag is given: one timeout, as in go-micro.
        if (options.givenServerFlags().contains(Flag.CLIENT_REQUEST_TIMEOUT)) {
            gateway.put("request.timeout.ms", client.get("request.timeout.ms"));
        }
        pids.put("micro.gateway", gateway);
        String broker = oneOf(Flag.BROKER, options.get(Flag.BROKER), BROKERS);
        if (broker.equals("nats")) {
            Hashtable<String, Object> nats = new Hashtable<>();
            String address = options.get(Flag.BROKER_ADDRESS);
            nats.put("address", address.isBlank() ? "127.0.0.1:4222" : address);
            pids.put("micro.broker.nats", nats);
        } else {
            // The http broker's subscribers listen like the server and register like it.
            Hashtable<String, Object> http = new Hashtable<>();
            String address = options.get(Flag.BROKER_ADDRESS);
            http.put("address", address.isBlank() ? "127.0.0.1:0" : local(Flag.BROKER_ADDRESS, address(Flag.BROKER_ADDRESS, address)));
            http.put("register.ttl", ttl);
            http.put("register.interval", interval);
            pids.put("micro.broker.http", http);
        }
        if (registry.equals("etcd")) {
            Hashtable<String, Object> etcd = new Hashtable<>();
            String addresses = options.get(Flag.REGISTRY_ADDRESS);
            etcd.put("endpoints", addresses.isBlank() ? "127.0.0.1:2379" : addresses);
            pids.put("micro.registry.etcd", etcd);
        } else if (registry.equals("consul")) {
            Hashtable<String, Object> consul = new Hashtable<>();
            String address = options.get(Flag.REGISTRY_ADDRESS);
            consul.put("address", address.isBlank() ? "127.0.0.1:8500" : address.split(",")[0].trim());
            pids.put("micro.registry.consul", consul);
        } else if (!options.get(Flag.REGISTRY_ADDRESS).isBlank()) {
            throw new UsageException("--registry_address is for a distributed registry; the memory registry has none");
        }

        Hashtable<String, Object> endpoint = new Hashtable<>();
        String cli = local(Flag.CLI_ADDRESS, address(Flag.CLI_ADDRESS, options.get(Flag.CLI_ADDRESS)));
        endpoint.put("address", cli);
        endpoint.put("token_file", CommandClient.tokenFile(cli).toString());
        pids.put("micro.shell.endpoint", endpoint);
        return pids;
    }

    static final Set<String> API_HANDLERS = Set.of("rpc", "api", "proxy");
    static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error", "off");

    private static Hashtable<String, Object> gateway(Options options) {
        Hashtable<String, Object> gateway = new Hashtable<>();
        gateway.put("address", local(Flag.API_ADDRESS, address(Flag.API_ADDRESS, options.get(Flag.API_ADDRESS))));
        gateway.put("namespace", options.get(Flag.API_NAMESPACE));
        gateway.put("handler", oneOf(Flag.API_HANDLER, options.get(Flag.API_HANDLER), API_HANDLERS));
        List<String> routes = new ArrayList<>();
        for (String route : options.get(Flag.API_ROUTES).split(",")) {
            String trimmed = route.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.lastIndexOf('=');
            if (!trimmed.startsWith("/") || equals < 0) {
                throw new UsageException("--api_routes '" + trimmed + "' is not /PREFIX=HANDLER, e.g. /greeter/http/=api");
            }
            oneOf(Flag.API_ROUTES, trimmed.substring(equals + 1), API_HANDLERS);
            routes.add(trimmed);
        }
        gateway.put("routes", routes.toArray(String[]::new));
        gateway.put("cors", options.get(Flag.API_CORS));
        gateway.put("access.log", bool(Flag.API_ACCESS_LOG, options.get(Flag.API_ACCESS_LOG)));
        boolean tls = bool(Flag.ENABLE_TLS, options.get(Flag.ENABLE_TLS));
        gateway.put("enable.tls", tls);
        if (tls) {
            for (Flag file : List.of(Flag.TLS_CERT_FILE, Flag.TLS_KEY_FILE)) {
                String path = options.get(file);
                if (path.isBlank() || !java.nio.file.Files.isReadable(java.nio.file.Path.of(path))) {
                    throw new UsageException("--enable_tls needs a readable --" + file.name + (path.isBlank() ? "" : "; cannot read " + path));
                }
            }
        }
        gateway.put("tls.cert.file", options.get(Flag.TLS_CERT_FILE));
        gateway.put("tls.key.file", options.get(Flag.TLS_KEY_FILE));
        return gateway;
    }

    /** Bundles the options leave out: the greeter when --greeter=false, the http transport for --transport memory. */
    static Set<String> bundlesNotStarted(Options options) {
        Set<String> left = new java.util.HashSet<>();
        if (!bool(Flag.GREETER, options.get(Flag.GREETER))) {
            left.add("micro.example.greeter");
        }
        if (options.get(Flag.TRANSPORT).equalsIgnoreCase("memory")) {
            left.add("micro.transport.http");
        }
        return Set.copyOf(left);
    }

    static boolean bool(Flag flag, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw new UsageException("--" + flag.name + " '" + value + "' is neither true nor false");
        };
    }

    private static String oneOf(Flag flag, String value, Set<String> known) {
        String normalized = value.toLowerCase(Locale.ROOT);
        if (!known.contains(normalized)) {
            throw new UsageException("--" + flag.name + " '" + value + "' is not available in this host; available: "
                    + String.join(", ", known.stream().sorted().toList()));
        }
        return normalized;
    }

    /**
     * A listen address must name this machine: refused now with the reason, instead of after a partial
     * start that ends in "cannot listen: null".
     */
    static String local(Flag flag, String address) {
        String host = address.substring(0, address.lastIndexOf(':'));
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        java.net.InetAddress ip;
        try {
            ip = java.net.InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new UsageException("--" + flag.name + " '" + address + "': cannot resolve " + host);
        }
        try {
            if (ip.isAnyLocalAddress() || ip.isLoopbackAddress() || java.net.NetworkInterface.getByInetAddress(ip) != null) {
                return address;
            }
        } catch (java.net.SocketException e) {
            // cannot tell: let the listener try
            return address;
        }
        throw new UsageException("--" + flag.name + " '" + address + "': " + ip.getHostAddress()
                + " is not an address of this machine; listen on 127.0.0.1 or one of its own addresses");
    }

    static String address(Flag flag, String value) {
        int colon = value.lastIndexOf(':');
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (colon <= 0 || port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + flag.name + " '" + value + "' is not a host:port address, e.g. 127.0.0.1:8089");
        }
    }

    private static long positive(Flag flag, String value) {
        long number = nonNegative(flag, value);
        if (number == 0) {
            throw new UsageException("--" + flag.name + " must be more than 0");
        }
        return number;
    }

    private static long nonNegative(Flag flag, String value) {
        try {
            long number = Long.parseLong(value);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + flag.name + " '" + value + "' is not a whole number of 0 or more");
        }
    }

    /** A duration as go-micro writes it ({@code 500ms}, {@code 5s}, {@code 1m}); a bare number is seconds. */
    static long millis(Flag flag, String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            long result;
            if (text.endsWith("ms")) {
                result = Long.parseLong(text.substring(0, text.length() - 2));
            } else if (text.endsWith("s")) {
                result = Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000);
            } else if (text.endsWith("m")) {
                result = Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 60_000);
            } else {
                result = Math.round(Double.parseDouble(text) * 1000);
            }
            if (result <= 0) {
                throw new NumberFormatException();
            }
            return result;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + flag.name + " '" + value + "' is not a duration such as 500ms, 5s or 1m");
        }
    }

    private static String[] metadata(String value) {
        List<String> pairs = new ArrayList<>();
        for (String pair : value.split(",")) {
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.indexOf('=') <= 0) {
                throw new UsageException("--server_metadata '" + trimmed + "' is not a key=value pair");
            }
            pairs.add(trimmed);
        }
        return pairs.toArray(String[]::new);
    }
}
