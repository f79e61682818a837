package micro.shell.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.client.Client;
import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.Service;
import micro.api.server.ServerProperties;
import micro.api.transport.Message;

/**
 * What the {@code micro:} commands answer, as text: the logic behind the shell, kept apart from Gogo
 * so it can be tested and reused. Misuse is an {@link IllegalArgumentException} saying how to call.
 */
final class CommandTexts {

    static final String USAGE = String.join("\n",
            "micro:list services                      list the services in the registry",
            "micro:get service NAME                   show a service's nodes and endpoints",
            "micro:query NAME ENDPOINT [JSON]         call an endpoint, e.g. micro:query micro.srv.greeter Say.Hello '{\"name\":\"John\"}'",
            "micro:health NAME                        call Debug.Health on every node of a service");

    private final Registry registry;
    private final Client client;

    CommandTexts(Registry registry, Client client) {
        this.registry = registry;
        this.client = client;
    }

    String list(String what) {
        if (!"services".equals(what)) {
            throw usage("micro:list cannot list '" + what + "': micro:list services");
        }
        TreeSet<String> names = new TreeSet<>();
        for (Service service : registry().listServices()) {
            names.add(service.name());
        }
        return String.join("\n", names);
    }

    String get(String what, String name) {
        if (!"service".equals(what)) {
            throw usage("micro:get cannot get '" + what + "': micro:get service NAME");
        }
        return ServiceText.describe(versions(name));
    }

    String query(String service, String endpoint, String json) {
        Message request = new Message(Map.of(Message.CONTENT_TYPE, "application/json"), Json.request(json));
        Message reply = CallOptions.join(client.invoke(service, endpoint, request, CallOptions.defaults()));
        return Json.pretty(reply.body());
    }

    String health(String name) {
        List<String> lines = new ArrayList<>();
        for (Service version : versions(name)) {
            lines.add("service  " + name + "\n\nversion " + version.version() + "\n\nnode\t\taddress:port\t\tstatus");
            for (Node node : version.nodes()) {
                lines.add(node.id() + "\t\t" + node.address() + "\t\t" + status(name, node));
            }
        }
        return String.join("\n", lines);
    }

    private List<Service> versions(String name) {
        Registry current = registry();
        List<Service> versions = current.getService(name);
        if (versions.isEmpty()) {
            throw MicroException.notFound("micro.shell", "service " + name + " not found in registry " + current.name()
                    + "; see micro:list services");
        }
        return versions;
    }

    private Registry registry() {
        if (registry == null) {
            throw MicroException.unavailable("micro.shell", "no registry is installed");
        }
        return registry;
    }

    private String status(String service, Node node) {
        CallOptions direct = CallOptions.defaults().withAddress(node.address()).withRetries(0)
                .withTimeout(Duration.ofSeconds(5));
        try {
            Message reply = CallOptions.join(client.invoke(service, ServerProperties.HEALTH_ENDPOINT,
                    new Message(Map.of(Message.CONTENT_TYPE, "application/json"), new byte[0]), direct));
            String body = new String(reply.body(), StandardCharsets.UTF_8);
            return body.contains("\"ok\"") ? "ok" : body;
        } catch (MicroException e) {
            return "error " + e.code() + ": " + e.detail();
        }
    }

    static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem + "\n\nusage:\n" + USAGE);
    }
}
