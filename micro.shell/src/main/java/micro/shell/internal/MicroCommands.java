package micro.shell.internal;

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

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code micro:} commands of the Gogo shell (Karaf's and the embedded host's). Each returns its
 * output as text; misuse is an {@link IllegalArgumentException} that says how to call it.
 */
@Component(service = MicroCommands.class, property = { "osgi.command.scope=micro", "osgi.command.function=list",
        "osgi.command.function=get", "osgi.command.function=query", "osgi.command.function=health" })
public final class MicroCommands {

    static final String USAGE = String.join("\n",
            "micro:list services                      list the services in the registry",
            "micro:get service NAME                   show a service's nodes and endpoints",
            "micro:query NAME ENDPOINT [JSON]         call an endpoint, e.g. micro:query micro.srv.greeter Say.Hello '{\"name\":\"John\"}'",
            "micro:health NAME                        call Debug.Health on every node of a service");

    // Dynamic + greedy: the shell looks at the same registry the server writes to, after a swap too.
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Registry registry;

    @Reference
    private Client client;

    public MicroCommands() {
    }

    MicroCommands(Registry registry, Client client) {
        this.registry = registry;
        this.client = client;
    }

    @Descriptor("list items in the registry")
    public String list() {
        throw usage("micro:list needs what to list: micro:list services");
    }

    @Descriptor("list items in the registry: micro:list services")
    public String list(@Descriptor("what to list: services") String what) {
        if (!"services".equals(what)) {
            throw usage("micro:list cannot list '" + what + "': micro:list services");
        }
        TreeSet<String> names = new TreeSet<>();
        for (Service service : registry.listServices()) {
            names.add(service.name());
        }
        return String.join("\n", names);
    }

    @Descriptor("get an item from the registry")
    public String get() {
        throw usage("micro:get needs a service name: micro:get service NAME");
    }

    @Descriptor("get an item from the registry")
    public String get(@Descriptor("what to get: service") String what) {
        return get();
    }

    @Descriptor("get a service from the registry: its nodes, endpoints and schemas")
    public String get(@Descriptor("what to get: service") String what, @Descriptor("service name") String name) {
        if (!"service".equals(what)) {
            throw usage("micro:get cannot get '" + what + "': micro:get service NAME");
        }
        List<Service> versions = registry.getService(name);
        if (versions.isEmpty()) {
            throw MicroException.notFound("micro.shell", "service " + name + " not found in registry " + registry.name()
                    + "; see micro:list services");
        }
        return ServiceText.describe(versions);
    }

    @Descriptor("call an endpoint of a service with an empty request")
    public String query(@Descriptor("service name") String service, @Descriptor("endpoint, e.g. Say.Hello") String endpoint) {
        return query(service, endpoint, "{}");
    }

    @Descriptor("call an endpoint of a service with a JSON request and show the reply")
    public String query(@Descriptor("service name") String service, @Descriptor("endpoint, e.g. Say.Hello") String endpoint,
            @Descriptor("request as JSON, e.g. '{\"name\":\"John\"}'") String json) {
        Message request = new Message(Map.of(Message.CONTENT_TYPE, "application/json"), Json.request(json));
        Message reply = CallOptions.join(client.invoke(service, endpoint, request, CallOptions.defaults()));
        return Json.pretty(reply.body());
    }

    @Descriptor("call an endpoint of a service")
    public String query() {
        throw usage("micro:query needs a service and an endpoint: micro:query NAME ENDPOINT [JSON]");
    }

    @Descriptor("call Debug.Health on every node of a service")
    public String health(@Descriptor("service name") String name) {
        List<Service> versions = registry.getService(name);
        if (versions.isEmpty()) {
            throw MicroException.notFound("micro.shell", "service " + name + " not found in registry " + registry.name());
        }
        List<String> lines = new ArrayList<>();
        for (Service version : versions) {
            lines.add("service  " + name + "\n\nversion " + version.version() + "\n\nnode\t\taddress:port\t\tstatus");
            for (Node node : version.nodes()) {
                lines.add(node.id() + "\t\t" + node.address() + "\t\t" + status(name, node));
            }
        }
        return String.join("\n", lines);
    }

    @Descriptor("call Debug.Health on every node of a service")
    public String health() {
        throw usage("micro:health needs a service name: micro:health NAME");
    }

    private String status(String service, Node node) {
        CallOptions direct = CallOptions.defaults().withAddress(node.address()).withRetries(0)
                .withTimeout(Duration.ofSeconds(5));
        try {
            Message reply = CallOptions.join(client.invoke(service, ServerProperties.HEALTH_ENDPOINT,
                    new Message(Map.of(Message.CONTENT_TYPE, "application/json"), new byte[0]), direct));
            String body = new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8);
            return body.contains("\"ok\"") ? "ok" : body;
        } catch (MicroException e) {
            return "error " + e.code() + ": " + e.detail();
        }
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem + "\n\nusage:\n" + USAGE);
    }
}
