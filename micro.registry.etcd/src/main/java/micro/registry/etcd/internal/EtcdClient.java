package micro.registry.etcd.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import micro.api.MicroException;

/**
 * etcd v3 through its JSON gateway ({@code /v3/kv/*}, {@code /v3/lease/*}, {@code /v3/watch}): plain
 * HTTP and Jackson, no gRPC inside OSGi. Endpoints are tried in order and the one that answered is
 * kept. Keys and values travel base64-encoded, as the gateway wants. Blocking; thread safe.
 */
final class EtcdClient {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ID = "micro.registry.etcd";

    private final EtcdSettings settings;
    private final HttpClient http;
    private volatile int current;
    private volatile String token;

    EtcdClient(EtcdSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    void put(String key, byte[] value, long lease) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", b64(key));
        body.put("value", Base64.getEncoder().encodeToString(value));
        if (lease != 0) {
            body.put("lease", String.valueOf(lease));
        }
        call("/v3/kv/put", body);
    }

    void delete(String key) {
        call("/v3/kv/deleterange", Map.of("key", b64(key)));
    }

    /** Every key under {@code prefix} with its value. */
    List<KeyValue> range(String prefix) {
        JsonNode reply = call("/v3/kv/range", Map.of("key", b64(prefix), "range_end", b64(rangeEnd(prefix))));
        List<KeyValue> result = new ArrayList<>();
        for (JsonNode kv : reply.path("kvs")) {
            result.add(keyValue(kv));
        }
        return result;
    }

    /** A new lease of {@code ttlSeconds}; its id. */
    long grant(long ttlSeconds) {
        JsonNode reply = call("/v3/lease/grant", Map.of("TTL", String.valueOf(ttlSeconds)));
        return reply.path("ID").asLong();
    }

    /** Renews a lease; false when etcd no longer knows it (expired, or etcd lost its data). */
    boolean keepAlive(long lease) {
        JsonNode reply = call("/v3/lease/keepalive", Map.of("ID", String.valueOf(lease)));
        return reply.path("result").path("TTL").asLong(0) > 0;
    }

    /** Opens the watch stream of {@code prefix} from {@code startRevision} (0: from now); its lines. */
    Stream<String> watch(String prefix, long startRevision) throws IOException, InterruptedException {
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("key", b64(prefix));
        create.put("range_end", b64(rangeEnd(prefix)));
        create.put("prev_kv", true);
        if (startRevision > 0) {
            create.put("start_revision", String.valueOf(startRevision));
        }
        HttpRequest request = request("/v3/watch", Map.of("create_request", create), null);
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("etcd watch answered " + response.statusCode());
        }
        return response.body();
    }

    static KeyValue keyValue(JsonNode kv) {
        return new KeyValue(new String(Base64.getDecoder().decode(kv.path("key").asText()), StandardCharsets.UTF_8),
                Base64.getDecoder().decode(kv.path("value").asText("")), kv.path("create_revision").asLong(),
                kv.path("mod_revision").asLong());
    }

    /**
     * POSTs to the first endpoint that answers.
     *
     * @throws MicroException 503 naming the endpoints when none answers, 502 when etcd refuses
     */
    private JsonNode call(String path, Map<String, ?> body) {
        List<String> endpoints = settings.endpoints();
        IOException last = null;
        for (int attempt = 0; attempt < endpoints.size(); attempt++) {
            int index = (current + attempt) % endpoints.size();
            try {
                HttpResponse<byte[]> response = http.send(request(path, body, settings.timeout()),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 401 && !settings.username().isEmpty()) {
                    token = null;
                    response = http.send(request(path, body, settings.timeout()), HttpResponse.BodyHandlers.ofByteArray());
                }
                current = index;
                JsonNode reply = MAPPER.readTree(response.body());
                if (response.statusCode() != 200) {
                    throw new MicroException(ID, 502, "etcd refused " + path + ": " + reply.path("error").asText(reply.toString()));
                }
                return reply;
            } catch (IOException e) {
                last = e;
                current = (index + 1) % endpoints.size();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MicroException(ID, 503, "interrupted while calling etcd");
            }
        }
        throw new MicroException(ID, 503, "etcd is unreachable at " + String.join(", ", endpoints) + ": "
                + (last == null ? "no endpoint" : last.getClass().getSimpleName() + " " + last.getMessage()));
    }

    private HttpRequest request(String path, Map<String, ?> body, java.time.Duration timeout) throws IOException,
            InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.endpoints().get(current) + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)));
        if (timeout != null) {
            builder.timeout(timeout);
        }
        String auth = authToken();
        if (auth != null) {
            builder.header("Authorization", auth);
        }
        return builder.build();
    }

    private String authToken() throws IOException, InterruptedException {
        if (settings.username().isEmpty()) {
            return null;
        }
        String known = token;
        if (known != null) {
            return known;
        }
        HttpRequest login = HttpRequest.newBuilder(URI.create(settings.endpoints().get(current) + "/v3/auth/authenticate"))
                .timeout(settings.timeout()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(
                        Map.of("name", settings.username(), "password", settings.password()))))
                .build();
        HttpResponse<byte[]> response = http.send(login, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode reply = MAPPER.readTree(response.body());
        if (response.statusCode() != 200 || !reply.hasNonNull("token")) {
            throw new MicroException(ID, 401, "etcd refused user " + settings.username() + ": "
                    + reply.path("error").asText(reply.toString()));
        }
        token = reply.get("token").asText();
        return token;
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The first key after every key starting with {@code prefix}: its last byte plus one. */
    static String rangeEnd(String prefix) {
        byte[] bytes = prefix.getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 1]++;
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
