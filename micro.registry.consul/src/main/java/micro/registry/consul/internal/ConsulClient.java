package micro.registry.consul.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import micro.api.MicroException;

/**
 * The few calls of Consul's HTTP API the registry makes, with the ACL token in
 * {@code X-Consul-Token}. Blocking; thread safe.
 */
final class ConsulClient {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ID = "micro.registry.consul";

    /** A JSON reply with the {@code X-Consul-Index} of blocking queries (0 when absent). */
    record Reply(int status, JsonNode body, long index) {
    }

    private final String base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    ConsulClient(String address, String token, boolean tls, Duration timeout) {
        String trimmed = address.trim().replaceAll("/+$", "");
        this.base = trimmed.startsWith("http://") || trimmed.startsWith("https://") ? trimmed
                : (tls ? "https://" : "http://") + trimmed;
        this.token = token == null ? "" : token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    String address() {
        return base;
    }

    /** PUT with a JSON body (or none); the status. */
    int put(String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body));
            HttpResponse<String> response = http.send(request(path, timeout).PUT(publisher).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500 || response.statusCode() == 403) {
                throw new MicroException(ID, 502, "consul refused PUT " + path + ": " + response.statusCode() + " "
                        + response.body().trim());
            }
            return response.statusCode();
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MicroException(ID, 503, "interrupted while calling consul");
        }
    }

    /** GET a JSON document; {@code wait} is the extra time a blocking query may take. */
    Reply get(String path, Duration wait) {
        try {
            HttpResponse<byte[]> response = http.send(request(path, timeout.plus(wait)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new MicroException(ID, 502, "consul refused GET " + path + ": " + response.statusCode() + " "
                        + new String(response.body(), StandardCharsets.UTF_8).trim());
            }
            long index = response.headers().firstValue("X-Consul-Index").map(Long::parseLong).orElse(0L);
            return new Reply(response.statusCode(), MAPPER.readTree(response.body()), index);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MicroException(ID, 503, "interrupted while calling consul");
        }
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path, Duration requestTimeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout)
                .header("Content-Type", "application/json");
        if (!token.isEmpty()) {
            builder.header("X-Consul-Token", token);
        }
        return builder;
    }

    private MicroException unreachable(IOException e) {
        return new MicroException(ID, 503, "consul is unreachable at " + base + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
}
