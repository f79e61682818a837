package micro.registry.consul.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a Consul agent, since no Consul server can be installed here: it answers the
 * endpoints the registry uses with the request and response shapes of Consul's HTTP API
 * documentation (agent service register/deregister, check pass, health service with {@code passing},
 * catalog services with {@code X-Consul-Index} blocking queries) and records every request. It is not
 * Consul: the registry has not been verified against a live Consul yet.
 */
final class FakeConsulAgent implements AutoCloseable {

    record Exchange(String method, String path, String token, JsonNode body) {
    }

    final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final Map<String, JsonNode> services = new LinkedHashMap<>();
    private final Map<String, String> checks = new LinkedHashMap<>();
    private final Map<String, JsonNode> recorded = new LinkedHashMap<>();
    private long index = 1;

    FakeConsulAgent() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code /v1/health/service/NAME} with a recorded documentation response instead. */
    void replay(String service, JsonNode response) {
        synchronized (this) {
            recorded.put(service, response);
        }
    }

    /** The TTL of a node passed without renewal: its check turns critical, as Consul does. */
    synchronized void expire(String serviceId) {
        checks.put("service:" + serviceId, "critical");
        index++;
        notifyAll();
    }

    List<Exchange> requests(String method, String pathPrefix) {
        return exchanges.stream().filter(e -> e.method().equals(method) && e.path().startsWith(pathPrefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : ConsulClient.MAPPER.readTree(raw);
        exchanges.add(new Exchange(method, exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Consul-Token"), body));
        try {
            if (method.equals("PUT") && path.equals("/v1/agent/service/register")) {
                synchronized (this) {
                    services.put(body.get("ID").asText(), body);
                    if (body.has("Check")) {
                        // a TTL check starts critical unless its definition gives a Status
                        checks.put(body.get("Check").get("CheckID").asText(), body.get("Check").path("Status").asText("critical"));
                    }
                    index++;
                    notifyAll();
                }
                reply(exchange, 200, "", 0);
            } else if (method.equals("PUT") && path.startsWith("/v1/agent/check/pass/")) {
                String check = decode(path.substring("/v1/agent/check/pass/".length()));
                synchronized (this) {
                    if (!checks.containsKey(check)) {
                        reply(exchange, 404, "Unknown check ID \"" + check + "\"", 0);
                        return;
                    }
                    checks.put(check, "passing");
                    index++;
                    notifyAll();
                }
                reply(exchange, 200, "", 0);
            } else if (method.equals("PUT") && path.startsWith("/v1/agent/service/deregister/")) {
                String id = decode(path.substring("/v1/agent/service/deregister/".length()));
                synchronized (this) {
                    services.remove(id);
                    checks.remove("service:" + id);
                    index++;
                    notifyAll();
                }
                reply(exchange, 200, "", 0);
            } else if (method.equals("GET") && path.startsWith("/v1/health/service/")) {
                String name = decode(path.substring("/v1/health/service/".length()));
                JsonNode answer = health(name, query != null && query.contains("passing"));
                reply(exchange, 200, ConsulClient.MAPPER.writeValueAsString(answer), currentIndex());
            } else if (method.equals("GET") && path.equals("/v1/catalog/services")) {
                long seen = parameter(query, "index");
                long waitSeconds = parameter(query, "wait");
                ObjectNode catalog = catalog(seen, waitSeconds);
                reply(exchange, 200, ConsulClient.MAPPER.writeValueAsString(catalog), currentIndex());
            } else {
                reply(exchange, 404, "no such endpoint in the fake agent: " + method + " " + path, 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(exchange, 500, "interrupted", 0);
        }
    }

    private synchronized long currentIndex() {
        return index;
    }

    private synchronized ObjectNode catalog(long seen, long waitSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        while (seen > 0 && seen == index && System.nanoTime() - deadline < 0) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        ObjectNode catalog = ConsulClient.MAPPER.createObjectNode();
        catalog.putArray("consul");
        for (JsonNode service : services.values()) {
            ArrayNode tags = catalog.withArray(service.get("Name").asText());
            service.path("Tags").forEach(tags::add);
        }
        recorded.keySet().forEach(name -> catalog.withArray(name));
        return catalog;
    }

    private synchronized JsonNode health(String name, boolean passingOnly) {
        if (recorded.containsKey(name)) {
            return recorded.get(name);
        }
        ArrayNode entries = ConsulClient.MAPPER.createArrayNode();
        for (JsonNode service : services.values()) {
            String checkId = "service:" + service.get("ID").asText();
            String status = checks.getOrDefault(checkId, "passing");
            if (!service.get("Name").asText().equals(name) || passingOnly && !status.equals("passing")) {
                continue;
            }
            ObjectNode entry = entries.addObject();
            ObjectNode node = entry.putObject("Node");
            node.put("Node", "fake-agent");
            node.put("Address", "127.0.0.1");
            node.put("Datacenter", "dc1");
            ObjectNode copy = entry.putObject("Service");
            copy.put("ID", service.get("ID").asText());
            copy.put("Service", service.get("Name").asText());
            copy.set("Tags", service.path("Tags"));
            copy.put("Address", service.path("Address").asText(""));
            copy.set("Meta", service.path("Meta"));
            copy.put("Port", service.path("Port").asInt());
            ArrayNode checkList = entry.putArray("Checks");
            ObjectNode check = checkList.addObject();
            check.put("CheckID", checkId);
            check.put("Status", status);
            check.put("ServiceID", service.get("ID").asText());
        }
        return entries;
    }

    private static long parameter(String query, String name) {
        if (query == null) {
            return 0;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return Long.parseLong(pair.substring(name.length() + 1).replace("s", ""));
            }
        }
        return 0;
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String body, long index) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (index > 0) {
            exchange.getResponseHeaders().add("X-Consul-Index", String.valueOf(index));
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
