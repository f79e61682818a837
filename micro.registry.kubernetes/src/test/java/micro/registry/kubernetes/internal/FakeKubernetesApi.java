package micro.registry.kubernetes.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the Kubernetes API server, since none can be had here: the pods of one namespace
 * with the requests and responses of the API documentation the registry uses — {@code GET .../pods}
 * with an equality {@code labelSelector} (a PodList with its {@code resourceVersion}), {@code PATCH
 * .../pods/NAME} as a strategic merge patch of labels and annotations (null removes a key), and
 * {@code GET .../pods?watch=true&resourceVersion=N} (one JSON watch event a line: ADDED, MODIFIED,
 * DELETED, and an ERROR 410 for a resource version it no longer has), errors as Status objects,
 * bearer tokens checked. It is not Kubernetes: the registry has not been verified against a live
 * cluster.
 */
final class FakeKubernetesApi implements AutoCloseable {

    record Exchange(String method, String path, String query, String authorization, String contentType, JsonNode body) {
    }

    private record Event(long version, String type, JsonNode pod) {
    }

    final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final String namespace;
    private final String token;
    private final Map<String, ObjectNode> pods = new LinkedHashMap<>();
    private final List<Event> events = new ArrayList<>();
    private long version = 100;
    private long oldestKept = 0;
    private int compactions = 0;
    private int expiredWatches = 0;
    private volatile boolean closed;

    FakeKubernetesApi(String namespace, String token) throws IOException {
        this.namespace = namespace;
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A pod of the namespace, running or not, without labels. */
    synchronized void addPod(String name, String phase) {
        ObjectNode pod = KubernetesClient.MAPPER.createObjectNode().put("kind", "Pod").put("apiVersion", "v1");
        pod.putObject("metadata").put("name", name).put("namespace", namespace).putObject("labels");
        ((ObjectNode) pod.get("metadata")).putObject("annotations");
        pod.putObject("status").put("phase", phase);
        pods.put(name, pod);
        changed("ADDED", pod);
    }

    synchronized void setPhase(String name, String phase) {
        ObjectNode pod = pods.get(name);
        ((ObjectNode) pod.get("status")).put("phase", phase);
        changed("MODIFIED", pod);
    }

    synchronized void deletePod(String name) {
        changed("DELETED", pods.remove(name));
    }

    /**
     * Forgets the events so far, as etcd compacts: each open watch gets an ERROR event 410 Expired
     * and ends, as does a new watch from an older resource version.
     */
    synchronized void compact() {
        oldestKept = version;
        events.clear();
        compactions++;
        notifyAll();
    }

    /** How many watches were refused with 410 since the start. */
    synchronized int expiredWatches() {
        return expiredWatches;
    }

    synchronized JsonNode pod(String name) {
        return pods.get(name).deepCopy();
    }

    List<Exchange> requests(String method) {
        return exchanges.stream().filter(e -> e.method().equals(method)).toList();
    }

    private void changed(String type, ObjectNode pod) {
        version++;
        ((ObjectNode) pod.get("metadata")).put("resourceVersion", String.valueOf(version));
        events.add(new Event(version, type, pod.deepCopy()));
        notifyAll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : KubernetesClient.MAPPER.readTree(raw);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        exchanges.add(new Exchange(method, path, exchange.getRequestURI().getRawQuery(), authorization,
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        try {
            String pods = "/api/v1/namespaces/" + namespace + "/pods";
            if (!("Bearer " + token).equals(authorization)) {
                status(exchange, 401, "Unauthorized", "Unauthorized");
            } else if (method.equals("GET") && path.equals(pods) && "true".equals(query.get("watch"))) {
                watch(exchange, query);
            } else if (method.equals("GET") && path.equals(pods)) {
                list(exchange, query.getOrDefault("labelSelector", ""));
            } else if (method.equals("PATCH") && path.startsWith(pods + "/")) {
                patch(exchange, path.substring(pods.length() + 1), body);
            } else {
                status(exchange, 404, "NotFound", "the server could not find the requested resource");
            }
        } finally {
            exchange.close();
        }
    }

    private synchronized void list(HttpExchange exchange, String selector) throws IOException {
        ObjectNode list = KubernetesClient.MAPPER.createObjectNode().put("kind", "PodList").put("apiVersion", "v1");
        list.putObject("metadata").put("resourceVersion", String.valueOf(version));
        ArrayNode items = list.putArray("items");
        pods.values().stream().filter(pod -> selects(selector, pod)).forEach(pod -> items.add(pod.deepCopy()));
        send(exchange, 200, list);
    }

    private synchronized void patch(HttpExchange exchange, String name, JsonNode body) throws IOException {
        ObjectNode pod = pods.get(name);
        if (pod == null) {
            status(exchange, 404, "NotFound", "pods \"" + name + "\" not found");
            return;
        }
        if (!"application/strategic-merge-patch+json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            status(exchange, 415, "UnsupportedMediaType", "the body of the request was in an unknown format");
            return;
        }
        for (String part : List.of("labels", "annotations")) {
            ObjectNode target = (ObjectNode) pod.get("metadata").get(part);
            for (Iterator<Map.Entry<String, JsonNode>> it = body.path("metadata").path(part).fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getValue().isNull()) {
                    target.remove(entry.getKey());
                } else {
                    target.set(entry.getKey(), entry.getValue());
                }
            }
        }
        changed("MODIFIED", pod);
        send(exchange, 200, pod);
    }

    /** Streams the events after the requested resource version that the selector selects, until its timeout or ours. */
    private void watch(HttpExchange exchange, Map<String, String> query) throws IOException {
        long from = Long.parseLong(query.getOrDefault("resourceVersion", "0").isEmpty() ? "0" : query.get("resourceVersion"));
        long deadline = System.currentTimeMillis() + 1000 * Long.parseLong(query.getOrDefault("timeoutSeconds", "60"));
        String selector = query.getOrDefault("labelSelector", "");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            long seen = from;
            int generation;
            synchronized (this) {
                generation = compactions;
                if (from < oldestKept) {
                    expired(out, from);
                    return;
                }
            }
            while (!closed && System.currentTimeMillis() < deadline) {
                if (generation != compactionsNow()) {
                    expired(out, seen);
                    return;
                }
                List<Event> next = new ArrayList<>();
                synchronized (this) {
                    for (Event event : events) {
                        if (event.version() > seen) {
                            next.add(event);
                        }
                    }
                    if (next.isEmpty()) {
                        try {
                            wait(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                        continue;
                    }
                }
                for (Event event : next) {
                    seen = event.version();
                    // a pod that leaves the selection is DELETED for this watch, as the API server reports it
                    boolean selected = selects(selector, event.pod());
                    String type = selected ? event.type() : "DELETED";
                    ObjectNode line = KubernetesClient.MAPPER.createObjectNode().put("type", type);
                    line.set("object", event.pod());
                    if (selected || !event.type().equals("ADDED")) {
                        line(out, line);
                    }
                }
            }
        } catch (IOException clientWentAway) {
            // the registry closed its watch
        }
    }

    private synchronized void expired(OutputStream out, long from) throws IOException {
        expiredWatches++;
        ObjectNode error = KubernetesClient.MAPPER.createObjectNode().put("type", "ERROR");
        error.set("object", statusObject(410, "Expired", "too old resource version: " + from + " (" + oldestKept + ")"));
        line(out, error);
    }

    private synchronized int compactionsNow() {
        return compactions;
    }

    private static void line(OutputStream out, JsonNode json) throws IOException {
        out.write(KubernetesClient.MAPPER.writeValueAsBytes(json));
        out.write('\n');
        out.flush();
    }

    private static boolean selects(String selector, JsonNode pod) {
        for (String requirement : selector.split(",")) {
            if (requirement.isBlank()) {
                continue;
            }
            String[] kv = requirement.split("=", 2);
            if (!kv[1].equals(pod.path("metadata").path("labels").path(kv[0]).asText(null))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static ObjectNode statusObject(int code, String reason, String message) {
        return KubernetesClient.MAPPER.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", message).put("reason", reason).put("code", code);
    }

    private static void status(HttpExchange exchange, int code, String reason, String message) throws IOException {
        send(exchange, code, statusObject(code, reason, message));
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = KubernetesClient.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
    }
}
