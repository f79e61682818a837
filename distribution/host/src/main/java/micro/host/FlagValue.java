package micro.host;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import micro.host.Options.UsageException;

/**
 * How a flag's text reads, checked at once so that a typo fails with a message naming the flag, not
 * later inside a component. Each kind answers the value as ConfigAdmin takes it (String, Long,
 * Boolean, String[]); {@link Configurations} narrows numbers to the Metatype type of each key.
 */
enum FlagValue {

    TEXT {
        @Override
        Object read(Flag flag, String text, List<String> choices) {
            return text;
        }
    },
    CHOICE {
        @Override
        Object read(Flag flag, String text, List<String> choices) {
            String normalized = text.toLowerCase(Locale.ROOT);
            if (!choices.contains(normalized)) {
                throw new UsageException("--" + flag.name + " '" + text + "' is not available in this host; available: "
                        + String.join(", ", choices.stream().sorted().toList()));
            }
            return normalized;
        }
    },
    SWITCH {
        @Override
        Object read(Flag flag, String text, List<String> choices) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no", "" -> false;
                default -> throw new UsageException("--" + flag.name + " '" + text + "' is neither true nor false");
            };
        }
    },
    /** host:port. */
    ADDRESS {
        @Override
        Object read(Flag flag, String text, List<String> choices) {
            int colon = text.lastIndexOf(':');
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (colon <= 0 || port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return text;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + flag.name + " '" + text + "' is not a host:port address, e.g. 127.0.0.1:8089");
            }
        }
    },
    /**
     * host:port naming this machine: refused now with the reason, instead of after a partial start
     * that ends in "cannot listen: null".
     */
    LISTEN_ADDRESS {
        @Override
        Object read(Flag flag, String text, List<String> choices) {
            String address = (String) ADDRESS.read(flag, text, choices);
            String host = address.substring(0, address.lastIndexOf(':'));
            String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            InetAddress ip;
            try {
                ip = InetAddress.getByName(literal);
            } catch (UnknownHostException e) {
                throw new UsageException("--" + flag.name + " '" + address + "': cannot resolve " + host);
            }
            try {
                if (ip.isAnyLocalAddress() || ip.isLoopbackAddress() || NetworkInterface.getByInetAddress(ip) != null) {
                    return address;
                }
            } catch (SocketException e) {
                return address; // cannot tell: let the listener try
            }
            throw new UsageException("--" + flag.name + " '" + address + "': " + ip.getHostAddress()
                    + " is not an address of this machine; listen on 127.0.0.1 or one of its own addresses");
        }
    },
    /** A whole number of 0 or more. */
    COUNT {
        @Override
        Object read(Flag flag, String text, List<String> choices) {
            try {
                long number = Long.parseLong(text);
                if (number < 0) {
                    throw new NumberFormatException();
                }
                return number;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + flag.name + " '" + text + "' is not a whole number of 0 or more");
            }
        }
    },
    /** A whole number of 1 or more. */
    POSITIVE {
        @Override
        Object read(Flag flag, String text, List<String> choices) {
            long number = (Long) COUNT.read(flag, text, choices);
            if (number == 0) {
                throw new UsageException("--" + flag.name + " must be more than 0");
            }
            return number;
        }
    },
    /** A duration as go-micro writes it ({@code 500ms}, {@code 5s}, {@code 1m}; a bare number is seconds), in milliseconds. */
    DURATION {
        @Override
        Object read(Flag flag, String text, List<String> choices) {
            String duration = text.trim().toLowerCase(Locale.ROOT);
            try {
                long result;
                if (duration.endsWith("ms")) {
                    result = Long.parseLong(duration.substring(0, duration.length() - 2));
                } else if (duration.endsWith("s")) {
                    result = Math.round(Double.parseDouble(duration.substring(0, duration.length() - 1)) * 1000);
                } else if (duration.endsWith("m")) {
                    result = Math.round(Double.parseDouble(duration.substring(0, duration.length() - 1)) * 60_000);
                } else {
                    result = Math.round(Double.parseDouble(duration) * 1000);
                }
                if (result <= 0) {
                    throw new NumberFormatException();
                }
                return result;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + flag.name + " '" + text + "' is not a duration such as 500ms, 5s or 1m");
            }
        }

        @Override
        String asFlagText(String metatypeDefault) {
            long millis = Long.parseLong(metatypeDefault);
            return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
        }
    },
    /** Comma-separated key=value pairs. */
    PAIRS {
        @Override
        Object read(Flag flag, String text, List<String> choices) {
            List<String> pairs = new ArrayList<>();
            for (String pair : items(text)) {
                if (pair.indexOf('=') <= 0) {
                    throw new UsageException("--" + flag.name + " '" + pair + "' is not a key=value pair");
                }
                pairs.add(pair);
            }
            return pairs.toArray(String[]::new);
        }
    },
    /** Comma-separated /PREFIX=HANDLER routes of the gateway. */
    ROUTES {
        @Override
        Object read(Flag flag, String text, List<String> choices) {
            List<String> routes = new ArrayList<>();
            for (String route : items(text)) {
                int equals = route.lastIndexOf('=');
                if (!route.startsWith("/") || equals < 0) {
                    throw new UsageException("--" + flag.name + " '" + route + "' is not /PREFIX=HANDLER, e.g. /greeter/http/=api");
                }
                CHOICE.read(flag, route.substring(equals + 1), choices);
                routes.add(route);
            }
            return routes.toArray(String[]::new);
        }
    },
    /** Apps of the sidecar, NAME=HOST:PORT[,health=URL], one per --app (the flag is repeated, not comma-separated). */
    APPS {
        @Override
        Object read(Flag flag, String text, List<String> choices) {
            List<String> apps = new ArrayList<>();
            for (String app : text.split(REPEATED)) {
                if (app.isBlank()) {
                    continue;
                }
                if (!app.trim().matches("[A-Za-z0-9._-]+=[^,=\\s]+:[0-9]{1,5}(,health=https?://\\S+)?")) {
                    throw new UsageException("--" + flag.name + " '" + app.trim() + "' is not NAME=HOST:PORT[,health=URL], "
                            + "e.g. micro.srv.greeter.py=127.0.0.1:9000,health=http://127.0.0.1:9000/health");
                }
                apps.add(app.trim());
            }
            return apps.toArray(String[]::new);
        }
    };

    /** Between the values of a flag given more than once: a comma, except for flags whose values hold commas. */
    static final String REPEATED = "\n";

    String joiner() {
        return this == APPS ? REPEATED : ",";
    }

    /**
     * The value of {@code text} for {@code flag}.
     *
     * @param choices what a choice may be (for routes: the handlers)
     * @throws UsageException saying what is wrong with the text and what would do
     */
    abstract Object read(Flag flag, String text, List<String> choices);

    /** A Metatype default as a user would write it on the command line. */
    String asFlagText(String metatypeDefault) {
        return metatypeDefault;
    }

    private static List<String> items(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.trim().isEmpty()) {
                items.add(item.trim());
            }
        }
        return items;
    }
}
