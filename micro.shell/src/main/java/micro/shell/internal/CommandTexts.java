package micro.shell.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.broker.Broker;
import micro.api.command.Answer;
import micro.api.client.Client;
import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.Service;
import micro.api.server.ServerProperties;
import micro.api.transport.Message;

/**
 * What micro's commands answer, as text and as data: the logic behind every shell, kept apart from
 * them so it can be tested and reused. Misuse is a {@link CommandMisuse} saying how to call.
 */
final class CommandTexts {

    private final Registry registry;
    private final Client client;
    private final Broker broker;

    CommandTexts(Registry registry, Client client, Broker broker) {
        this.registry = registry;
        this.client = client;
        this.broker = broker;
    }

    String publish(String topic, String json) {
        if (broker == null) {
            throw MicroException.unavailable("micro.shell", "no broker is installed to publish on " + topic);
        }
        broker.publish(topic, new Message(Map.of(Message.CONTENT_TYPE, "application/json"), Json.request(json)));
        return "published on " + topic;
    }

    String register(String what, String file) {
        Service service = serviceFile(what, file, "register");
        registry().register(service, java.time.Duration.ZERO);
        return "registered " + service.name() + " " + service.version() + " with " + service.nodes().size()
                + (service.nodes().size() == 1 ? " node" : " nodes") + " in " + registry().name();
    }

    String deregister(String what, String file) {
        Service service = serviceFile(what, file, "deregister");
        registry().deregister(service);
        return "deregistered " + service.nodes().size() + (service.nodes().size() == 1 ? " node" : " nodes") + " of "
                + service.name() + " from " + registry().name();
    }

    /** The service to (de)register, given as go-micro's JSON (as go-micro's CLI takes it) or as a JSON file. */
    private static Service serviceFile(String what, String fileOrJson, String verb) {
        if (!"service".equals(what)) {
            throw new CommandMisuse(verb + " cannot " + verb + " '" + what + "', only a service");
        }
        boolean inline = fileOrJson.stripLeading().startsWith("{");
        byte[] json;
        try {
            json = inline ? fileOrJson.getBytes(StandardCharsets.UTF_8)
                    : java.nio.file.Files.readAllBytes(java.nio.file.Path.of(fileOrJson));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            throw new CommandMisuse("cannot read " + fileOrJson + ": " + e.getMessage());
        }
        try {
            return Json.read(json, Service.class);
        } catch (RuntimeException e) {
            throw new CommandMisuse((inline ? "the argument" : fileOrJson) + " is not a service in go-micro's JSON "
                    + "format ({\"name\", \"version\", \"nodes\": [{\"id\", \"address\"}]}): " + e.getMessage());
        }
    }

    /** The names, one a line; as JSON an array of them; as a table with each name's versions. */
    Answer list(String what) {
        if (!"services".equals(what)) {
            throw new CommandMisuse("list cannot list '" + what + "', only services");
        }
        Map<String, TreeSet<String>> versions = new java.util.TreeMap<>();
        for (Service service : registry().listServices()) {
            versions.computeIfAbsent(service.name(), name -> new TreeSet<>()).add(String.valueOf(service.version()));
        }
        List<String> names = List.copyOf(versions.keySet());
        List<List<String>> rows = versions.entrySet().stream().map(e -> List.of(e.getKey(), String.join(", ", e.getValue())))
                .toList();
        return new Answer(String.join("\n", names), names, new Answer.Table(List.of("NAME", "VERSIONS"), rows));
    }

    /** A service's versions, nodes and endpoints; as JSON in go-micro's format. */
    Answer get(String what, String name) {
        if (!"service".equals(what)) {
            throw new CommandMisuse("get cannot get '" + what + "', only a service");
        }
        List<Service> versions = versions(name);
        return new Answer(ServiceText.describe(versions), versions, null);
    }

    /** The reply, indented; as JSON the reply itself. */
    Answer query(String service, String endpoint, String json) {
        Message request = new Message(Map.of(Message.CONTENT_TYPE, "application/json"), Json.request(json));
        Message reply = CallOptions.join(client.invoke(service, endpoint, request, CallOptions.defaults()));
        return new Answer(Json.pretty(reply.body()), Json.tree(reply.body()), null);
    }

    /**
     * Opens a stream, ends our side after the opening message, and collects what comes back, up to
     * {@value #STREAM_MAX_MESSAGES} messages or {@value #STREAM_MAX_CHARS} characters: a stream that
     * never ends must not fill the memory of whoever runs the command (a chat bot, the web CLI).
     */
    Answer stream(String service, String endpoint, String json) {
        Message request = new Message(Map.of(Message.CONTENT_TYPE, "application/json"), Json.request(json));
        micro.api.transport.Stream stream = client.stream(service, endpoint, request, CallOptions.defaults());
        StringBuilder out = new StringBuilder();
        List<Object> messages = new ArrayList<>();
        try {
            stream.close();
            for (Message next; (next = stream.receive(java.time.Duration.ofSeconds(30))) != null;) {
                if (messages.size() == STREAM_MAX_MESSAGES || out.length() > STREAM_MAX_CHARS) {
                    out.append("... stopped after ").append(messages.size()).append(" messages\n");
                    break;
                }
                out.append(Json.pretty(next.body())).append('\n');
                messages.add(Json.tree(next.body()));
            }
        } finally {
            stream.close();
        }
        return new Answer(out.toString(), messages, null);
    }

    static final int STREAM_MAX_MESSAGES = 10_000;
    static final int STREAM_MAX_CHARS = 4 * 1024 * 1024;

    /** Debug.Health of every node, by version; as JSON and a table one row a node. */
    Answer health(String name) {
        List<String> lines = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, String>> json = new ArrayList<>();
        for (Service version : versions(name)) {
            lines.add("service  " + name + "\n\nversion " + version.version() + "\n\nnode\t\taddress:port\t\tstatus");
            for (Node node : version.nodes()) {
                String status = status(name, node);
                lines.add(node.id() + "\t\t" + node.address() + "\t\t" + status);
                rows.add(List.of(String.valueOf(version.version()), node.id(), node.address(), status));
                json.add(Map.of("version", String.valueOf(version.version()), "node", node.id(), "address", node.address(),
                        "status", status));
            }
        }
        return new Answer(String.join("\n", lines), json, new Answer.Table(List.of("VERSION", "NODE", "ADDRESS", "STATUS"), rows));
    }

    /**
     * Debug.Stats of every node, as micro's {@code stats} printed them: a table one row a node with
     * when it started, its uptime, heap in use, threads and time spent in GC; as JSON the replies.
     */
    Answer stats(String name) {
        List<String> lines = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        for (Service version : versions(name)) {
            lines.add("service  " + name + "\n\nversion " + version.version()
                    + "\n\nnode\t\taddress:port\t\tstarted\tuptime\tmemory\tthreads\tgc");
            for (Node node : version.nodes()) {
                Map<String, Object> entry = new java.util.LinkedHashMap<>();
                entry.put("version", String.valueOf(version.version()));
                entry.put("node", node.id());
                entry.put("address", node.address());
                List<String> cells = statsCells(name, node, entry);
                lines.add(node.id() + "\t\t" + node.address() + "\t\t" + String.join("\t", cells));
                List<String> row = new ArrayList<>(List.of(String.valueOf(version.version()), node.id(), node.address()));
                row.addAll(cells);
                rows.add(row);
                json.add(entry);
            }
        }
        return new Answer(String.join("\n", lines), json, new Answer.Table(List.of("VERSION", "NODE", "ADDRESS", "STARTED",
                "UPTIME", "MEMORY", "THREADS", "GC"), rows));
    }

    /** The five stats cells of a node, its reply put in {@code entry} as {@code stats}, or what failed as {@code error}. */
    private List<String> statsCells(String service, Node node, Map<String, Object> entry) {
        try {
            NodeStats stats = Json.read(call(service, node, ServerProperties.STATS_ENDPOINT).body(), NodeStats.class);
            entry.put("stats", stats);
            return stats.cells();
        } catch (MicroException e) {
            entry.put("error", "error " + e.code() + ": " + e.detail());
        } catch (CommandMisuse e) {
            entry.put("error", "not a Debug.Stats reply: " + e.getMessage());
        }
        return List.of(String.valueOf(entry.get("error")), "", "", "", "");
    }

    private List<Service> versions(String name) {
        Registry current = registry();
        List<Service> versions = current.getService(name);
        if (versions.isEmpty()) {
            throw MicroException.notFound("micro.shell", "service " + name + " not found in registry " + current.name()
                    + "; see list services");
        }
        return versions;
    }

    private Registry registry() {
        if (registry == null) {
            throw MicroException.unavailable("micro.shell", "no registry is installed");
        }
        return registry;
    }

    /** One node's answer to a Debug endpoint, asked directly, once, for 5 s at most. */
    private Message call(String service, Node node, String endpoint) {
        CallOptions direct = CallOptions.defaults().withAddress(node.address()).withRetries(0)
                .withTimeout(Duration.ofSeconds(5));
        return CallOptions.join(client.invoke(service, endpoint,
                new Message(Map.of(Message.CONTENT_TYPE, "application/json"), new byte[0]), direct));
    }

    private String status(String service, Node node) {
        try {
            Message reply = call(service, node, ServerProperties.HEALTH_ENDPOINT);
            String body = new String(reply.body(), StandardCharsets.UTF_8);
            return body.contains("\"ok\"") ? "ok" : body;
        } catch (MicroException e) {
            return "error " + e.code() + ": " + e.detail();
        }
    }

}
