package micro.edge.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import micro.api.MicroException;

/**
 * Maps request paths to services and endpoints as go-micro's {@code micro} resolver does, then puts
 * the namespace in front of the service.
 * <pre>
 * path                 service (namespace micro.api)   endpoint
 * /greeter             micro.api.greeter               Greeter
 * /greeter/hello       micro.api.greeter               Greeter.Hello
 * /greeter/say/hello   micro.api.greeter               Say.Hello
 * /v1/greeter/hello    micro.api.v1.greeter            Greeter.Hello
 * /a/b/c/d             micro.api.a.b                   C.D
 * /foo-bar/say-hi      micro.api.foo-bar               FooBar.SayHi
 * </pre>
 * Segments of the endpoint are CamelCased, {@code -} separating words; the service keeps its
 * segments as written. For the proxy handler the service is the first segment (two with a
 * {@code /vN} prefix) and the path is forwarded unchanged.
 */
public final class PathResolver {

    private static final Pattern VERSION = Pattern.compile("^v[0-9]+$");
    private static final Pattern PROXY_NAME = Pattern.compile("^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$");

    private final String namespace;
    private final EdgeErrors errors;

    public PathResolver(String namespace, EdgeErrors errors) {
        this.errors = errors;
        this.namespace = namespace == null ? "" : namespace.trim();
    }

    public String namespace() {
        return namespace;
    }

    /** The service and endpoint of an RPC-style path, or null for a path with no segment. */
    public Route rpc(String path) {
        List<String> parts = segments(path);
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() <= 2) {
            return new Route(qualify(parts.get(0)), endpoint(parts));
        }
        if (parts.size() == 3 && VERSION.matcher(parts.get(0)).matches()) {
            // /v1/foo/bar: the version belongs to the service, foo names both
            return new Route(qualify(parts.get(0) + "." + parts.get(1)), endpoint(parts.subList(1, 3)));
        }
        int serviceParts = parts.size() - 2;
        return new Route(qualify(String.join(".", parts.subList(0, serviceParts))), endpoint(parts.subList(serviceParts,
                parts.size())));
    }

    /**
     * The service and endpoint of an RPC-style path.
     *
     * @throws MicroException 404 with an example when the path names no service
     */
    public Route rpcRoute(String path) {
        Route route = rpc(path);
        if (route == null) {
            throw errors.error(404, "no service in path '" + path
                    + "': call /SERVICE/HANDLER/METHOD, e.g. /greeter/say/hello");
        }
        return route;
    }

    /** The service of a proxied path, or null when the path names none. */
    public Route proxy(String path) {
        List<String> parts = segments(path);
        if (parts.isEmpty()) {
            return null;
        }
        String alias = parts.get(0);
        String service = alias;
        if (parts.size() > 1 && VERSION.matcher(parts.get(0)).matches()) {
            alias = parts.get(1);
            service = parts.get(0) + "." + parts.get(1);
        }
        return PROXY_NAME.matcher(alias).matches() ? new Route(qualify(service), null) : null;
    }

    public String qualify(String service) {
        return namespace.isEmpty() ? service : namespace + "." + service;
    }

    private static List<String> segments(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : (path == null ? "" : path).split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                if (part.equals("..")) {
                    if (!parts.isEmpty()) {
                        parts.remove(parts.size() - 1);
                    }
                } else {
                    parts.add(part);
                }
            }
        }
        return parts;
    }

    private static String endpoint(List<String> parts) {
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            name.append(name.length() == 0 ? "" : ".").append(camel(part));
        }
        return name.toString();
    }

    private static String camel(String segment) {
        StringBuilder out = new StringBuilder();
        for (String word : segment.split("-")) {
            if (!word.isEmpty()) {
                out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        return out.toString();
    }
}
