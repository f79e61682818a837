package micro.gateway.internal;

import java.util.List;

import micro.api.MicroException;
import micro.api.command.Command;
import micro.api.registry.Registry;
import micro.api.registry.Service;
import micro.edge.http.Route;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The command {@code routes PATH} ({@code micro:routes} in Karaf, {@code micro.jar routes}): how the
 * gateway resolves a path — handler, namespace, service, endpoint — and whether the registry knows
 * that service; the answer to "why does my path 404".
 */
@Component(service = Command.class, property = Command.NAME + "=routes")
public final class RouteCommands implements Command {

    @Reference
    private Gateway gateway;

    // Dynamic + greedy: the same registry the client resolves services in.
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Registry registry;

    @Override
    public String name() {
        return "routes";
    }

    @Override
    public String usage() {
        return "routes PATH";
    }

    @Override
    public String description() {
        return "show how the API gateway resolves a path, e.g. routes /greeter/say/hello";
    }

    @Override
    public boolean acts() {
        return false;
    }

    @Override
    public String run(List<String> args) {
        if (args.size() != 1) {
            throw MicroException.badRequest("micro.gateway", (args.isEmpty() ? "routes needs a path" : "routes takes one path")
                    + "\nusage: " + usage());
        }
        String path = args.get(0);
        return describe(path.startsWith("/") ? path : "/" + path);
    }

    String describe(String path) {
        StringBuilder out = new StringBuilder();
        out.append("gateway    ").append(gateway.address()).append('\n');
        out.append("path       ").append(path).append('\n');
        if (path.equals("/rpc")) {
            return out.append("handler    /rpc: POST {\"service\", \"endpoint\", \"request\"} calls any service").toString();
        }
        if (path.startsWith(EventHandler.PREFIX)) {
            return out.append("handler    event: publishes on topic ").append(path.substring(EventHandler.PREFIX.length()))
                    .toString();
        }
        String handler = gateway.routes().handlerFor(path);
        out.append("handler    ").append(handler).append(gateway.routes().isDefault(path) ? " (default)" : " (route)")
                .append('\n');
        out.append("namespace  ").append(gateway.resolver().namespace()).append('\n');
        Route route = HandlerRoutes.PROXY.equals(handler) ? gateway.resolver().proxy(path) : gateway.resolver().rpc(path);
        if (route == null) {
            return out.append("service    none: the path names no service").toString();
        }
        out.append("service    ").append(route.service()).append('\n');
        if (route.endpoint() != null) {
            out.append("endpoint   ").append(route.endpoint()).append('\n');
        }
        List<Service> known = registry.getService(route.service());
        if (known.isEmpty()) {
            out.append("registry   ").append(route.service()).append(" is not registered in ").append(registry.name());
        } else {
            int nodes = known.stream().mapToInt(s -> s.nodes().size()).sum();
            boolean hasEndpoint = route.endpoint() == null || known.stream().flatMap(s -> s.endpoints().stream())
                    .anyMatch(e -> e.name().equals(route.endpoint()));
            out.append("registry   ").append(nodes).append(nodes == 1 ? " node" : " nodes").append(" in ").append(registry.name());
            if (!hasEndpoint) {
                out.append("; no endpoint ").append(route.endpoint()).append(" (known: ")
                        .append(String.join(", ", known.get(0).endpoints().stream().map(e -> e.name()).toList())).append(')');
            }
        }
        return out.toString();
    }
}
