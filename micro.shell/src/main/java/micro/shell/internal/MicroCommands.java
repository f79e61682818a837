package micro.shell.internal;

import micro.api.broker.Broker;
import micro.api.client.Client;
import micro.api.registry.Registry;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code micro:} commands of the Gogo shell, in Karaf and in the embedded host: a thin adapter
 * over {@link CommandTexts} that prints, since Karaf's batch mode shows printed text and not returned
 * values. Overloads without arguments exist to answer misuse with usage instead of a coercion error.
 */
@Component(service = MicroCommands.class, property = { "osgi.command.scope=micro", "osgi.command.function=list",
        "osgi.command.function=get", "osgi.command.function=query", "osgi.command.function=health",
        "osgi.command.function=publish", "osgi.command.function=stream", "osgi.command.function=register", "osgi.command.function=deregister" })
public final class MicroCommands {

    // Dynamic + greedy: the shell looks at the same registry the server writes to, after a swap too.
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Registry registry;

    @Reference
    private Client client;

    // Optional, dynamic + greedy: publish through the best broker, if any.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Broker broker;

    private CommandTexts texts() {
        return new CommandTexts(registry, client, broker);
    }

    @Descriptor("open a stream to an endpoint with a JSON request and show every message it sends")
    public void stream(@Descriptor("service name") String service, @Descriptor("streaming endpoint") String endpoint,
            @Descriptor("request as JSON") String json) {
        System.out.print(texts().stream(service, endpoint, json));
    }

    @Descriptor("open a stream to an endpoint with an empty request")
    public void stream(@Descriptor("service name") String service, @Descriptor("streaming endpoint") String endpoint) {
        stream(service, endpoint, "{}");
    }

    @Descriptor("open a stream to an endpoint: micro:stream NAME ENDPOINT [JSON]")
    public void stream(@Descriptor("service name") String service) {
        throw CommandTexts.usage("micro:stream needs a service and an endpoint: micro:stream NAME ENDPOINT [JSON]");
    }

    @Descriptor("publish a JSON message on a topic")
    public void publish(@Descriptor("topic") String topic, @Descriptor("message as JSON") String json) {
        System.out.println(texts().publish(topic, json));
    }

    @Descriptor("publish a JSON message on a topic: micro:publish TOPIC JSON")
    public void publish(@Descriptor("topic") String topic) {
        throw CommandTexts.usage("micro:publish needs a topic and a message: micro:publish TOPIC JSON");
    }

    @Descriptor("register a service given as JSON or in a JSON file")
    public void register(@Descriptor("what to register: service") String what, @Descriptor("JSON file, or the service as JSON") String file) {
        System.out.println(texts().register(what, file));
    }

    @Descriptor("register a service described in a JSON file: micro:register service FILE.json|JSON")
    public void register(@Descriptor("what to register: service") String what) {
        throw CommandTexts.usage("micro:register needs a file: micro:register service FILE.json|JSON");
    }

    @Descriptor("deregister the nodes of a service given as JSON or in a JSON file")
    public void deregister(@Descriptor("what to deregister: service") String what, @Descriptor("JSON file, or the service as JSON") String file) {
        System.out.println(texts().deregister(what, file));
    }

    @Descriptor("deregister a service described in a JSON file: micro:deregister service FILE.json|JSON")
    public void deregister(@Descriptor("what to deregister: service") String what) {
        throw CommandTexts.usage("micro:deregister needs a file: micro:deregister service FILE.json|JSON");
    }

    @Descriptor("list items in the registry: micro:list services")
    public void list(@Descriptor("what to list: services") String what) {
        System.out.println(texts().list(what));
    }

    @Descriptor("list items in the registry: micro:list services")
    public void list() {
        throw CommandTexts.usage("micro:list needs what to list: micro:list services");
    }

    @Descriptor("get a service from the registry: its nodes, endpoints and schemas")
    public void get(@Descriptor("what to get: service") String what, @Descriptor("service name") String name) {
        System.out.print(texts().get(what, name));
    }

    @Descriptor("get a service from the registry: micro:get service NAME")
    public void get(@Descriptor("what to get: service") String what) {
        throw CommandTexts.usage("micro:get needs a service name: micro:get service NAME");
    }

    @Descriptor("get a service from the registry: micro:get service NAME")
    public void get() {
        get("service");
    }

    @Descriptor("call an endpoint of a service with a JSON request and show the reply")
    public void query(@Descriptor("service name") String service, @Descriptor("endpoint, e.g. Say.Hello") String endpoint,
            @Descriptor("request as JSON, e.g. '{\"name\":\"John\"}'") String json) {
        System.out.println(texts().query(service, endpoint, json));
    }

    @Descriptor("call an endpoint of a service with an empty request")
    public void query(@Descriptor("service name") String service, @Descriptor("endpoint, e.g. Say.Hello") String endpoint) {
        query(service, endpoint, "{}");
    }

    @Descriptor("call an endpoint of a service: micro:query NAME ENDPOINT [JSON]")
    public void query(@Descriptor("service name") String service) {
        throw CommandTexts.usage("micro:query needs a service and an endpoint: micro:query NAME ENDPOINT [JSON]");
    }

    @Descriptor("call an endpoint of a service: micro:query NAME ENDPOINT [JSON]")
    public void query() {
        query("");
    }

    @Descriptor("call Debug.Health on every node of a service")
    public void health(@Descriptor("service name") String name) {
        System.out.println(texts().health(name));
    }

    @Descriptor("call Debug.Health on every node of a service: micro:health NAME")
    public void health() {
        throw CommandTexts.usage("micro:health needs a service name: micro:health NAME");
    }
}
