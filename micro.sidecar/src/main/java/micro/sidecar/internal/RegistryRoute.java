package micro.sidecar.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import micro.api.MicroException;
import micro.api.registry.Registry;
import micro.api.registry.Service;
import micro.edge.http.BodyReader;
import micro.edge.http.EdgeHandler;
import micro.edge.http.Registrations;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code /registry}: {@code GET} lists every service, {@code GET ?service=X} gives one entry per
 * version of X (404 when unknown), {@code POST [?ttl=10s]} registers the service in the body (go-micro
 * JSON) and keeps it renewed, {@code DELETE} deregisters it. The WebSocket upgrade of the same path,
 * a stream of registry events, is {@link RegistryWatchSocket}.
 */
final class RegistryRoute implements EdgeHandler {

    private final Supplier<Registry> registry;
    private final Registrations registrations;
    private final BodyReader bodies;
    private final Duration defaultTtl;

    RegistryRoute(Supplier<Registry> registry, Registrations registrations, BodyReader bodies, Duration defaultTtl) {
        this.registry = registry;
        this.registrations = registrations;
        this.bodies = bodies;
        this.defaultTtl = defaultTtl;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        String method = request.getMethod();
        if (HttpMethod.GET.is(method)) {
            return get(query.getValue("service"), response, callback);
        }
        if (HttpMethod.POST.is(method)) {
            Duration ttl = ttl(query.getValue("ttl"));
            Registry current = available();
            return bodies.read(request, response, callback, body -> {
                Service service = SidecarJson.service(body);
                registrations.add(service, null, ttl);
                current.register(service, ttl); // at once, so the answer means "registered"
                return json(response, callback, Map.of("registered", service.name(), "nodes", service.nodes().size(),
                        "ttl_seconds", ttl.toSeconds()));
            });
        }
        if (HttpMethod.DELETE.is(method)) {
            Registry current = available();
            return bodies.read(request, response, callback, body -> {
                Service service = SidecarJson.service(body);
                registrations.remove(service);
                current.deregister(service);
                return json(response, callback, Map.of("deregistered", service.name(), "nodes", service.nodes().size()));
            });
        }
        response.getHeaders().put(HttpHeader.ALLOW, "GET, POST, DELETE");
        return Sidecar.ERRORS.write(response, callback, 405, "/registry takes GET [?service=NAME], POST and DELETE");
    }

    private boolean get(String service, Response response, Callback callback) {
        Registry current = available();
        if (service == null || service.isBlank()) {
            return json(response, callback, Map.of("services", current.listServices()));
        }
        List<Service> versions = current.getService(service);
        if (versions.isEmpty()) {
            return Sidecar.ERRORS.write(response, callback, 404, "service " + service + " not found in the "
                    + current.name() + " registry");
        }
        return json(response, callback, versions);
    }

    private Registry available() {
        Registry current = registry.get();
        if (current == null) {
            throw MicroException.unavailable(Sidecar.ERRORS.id(), "no registry is installed; try again shortly");
        }
        return current;
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m} or plain seconds, as go-micro's sidecar took it. */
    private Duration ttl(String text) {
        if (text == null || text.isBlank()) {
            return defaultTtl;
        }
        java.util.regex.Matcher parts = java.util.regex.Pattern.compile("([0-9]{1,9})(ms|s|m|h)?").matcher(text.trim());
        if (!parts.matches() || Long.parseLong(parts.group(1)) == 0) {
            throw MicroException.badRequest(Sidecar.ERRORS.id(), "ttl '" + text + "' is not a positive duration such as 30s, "
                    + "500ms, 2m or a number of seconds");
        }
        long amount = Long.parseLong(parts.group(1));
        String unit = parts.group(2) == null ? "s" : parts.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(Math.max(1000, amount)); // registries count in seconds
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    static boolean json(Response response, Callback callback, Object value) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(SidecarJson.bytes(value)), callback);
        return true;
    }
}
