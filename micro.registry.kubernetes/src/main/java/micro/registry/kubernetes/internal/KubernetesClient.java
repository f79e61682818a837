package micro.registry.kubernetes.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import micro.api.MicroException;

/**
 * The few calls of the Kubernetes API the registry makes, on the pods of one namespace: list by
 * label selector, patch one pod's labels and annotations, and watch. Authenticates with the service
 * account's bearer token, read again at each request (Kubernetes rotates it), and trusts the
 * cluster's CA. Blocking; thread safe.
 */
final class KubernetesClient {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ID = "micro.registry.kubernetes";
    private static final String MERGE_PATCH = "application/strategic-merge-patch+json";

    private final String base;
    private final String namespace;
    private final Path tokenFile;
    private final Duration timeout;
    private final HttpClient http;

    KubernetesClient(String base, String namespace, Path tokenFile, SSLContext tls, Duration timeout) {
        this.base = base.replaceAll("/+$", "");
        this.namespace = namespace;
        this.tokenFile = tokenFile;
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    /** The TLS context that trusts the PEM certificates of {@code caFile} (the cluster's CA), or null to trust the JVM's. */
    static SSLContext trusting(Path caFile) {
        if (caFile == null || !Files.isReadable(caFile)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the cluster CA " + caFile + ": " + e.getMessage(), e);
        }
    }

    String address() {
        return base + " (namespace " + namespace + ")";
    }

    /** The pods of the namespace that {@code labelSelector} selects: a PodList ({@code items}, {@code metadata.resourceVersion}). */
    JsonNode listPods(String labelSelector) {
        return send(request(podsPath() + "?labelSelector=" + encode(labelSelector), timeout).GET().build(), "list pods");
    }

    /** Patches the labels and annotations of pod {@code name} (a null value removes a key). */
    void patchPod(String name, JsonNode patch) {
        try {
            send(request(podsPath() + "/" + encode(name), timeout).header("Content-Type", MERGE_PATCH)
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(patch))).build(),
                    "patch pod " + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens a watch of the pods {@code labelSelector} selects, from {@code resourceVersion} on (that
     * of a list): a stream of JSON events, one a line, that the API server ends after
     * {@code timeoutSeconds}. The caller closes it.
     */
    InputStream watchPods(String labelSelector, String resourceVersion, long timeoutSeconds) {
        HttpRequest request = request(podsPath() + "?watch=true&timeoutSeconds=" + timeoutSeconds + "&resourceVersion="
                + encode(resourceVersion) + "&labelSelector=" + encode(labelSelector),
                Duration.ofSeconds(timeoutSeconds).plus(timeout)).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body;
                try (InputStream in = response.body()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                throw refused("watch pods", response.statusCode(), body);
            }
            return response.body();
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MicroException(ID, 503, "interrupted while calling the Kubernetes API");
        }
    }

    private JsonNode send(HttpRequest request, String what) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw refused(what, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
            }
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MicroException(ID, 503, "interrupted while calling the Kubernetes API");
        }
    }

    private String podsPath() {
        return "/api/v1/namespaces/" + encode(namespace) + "/pods";
    }

    private HttpRequest.Builder request(String path, Duration requestTimeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout)
                .header("Accept", "application/json");
        String token = token();
        if (!token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private String token() {
        if (tokenFile == null || !Files.isReadable(tokenFile)) {
            return "";
        }
        try {
            return Files.readString(tokenFile).trim();
        } catch (IOException e) {
            return "";
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The API's own Status message says why (403: the service account may not patch pods ...). */
    private static MicroException refused(String what, int status, String body) {
        String reason = body.trim();
        try {
            JsonNode parsed = MAPPER.readTree(body);
            if (parsed != null && parsed.hasNonNull("message")) {
                reason = parsed.get("message").asText();
            }
        } catch (IOException e) {
            // not a Status object: keep the text
        }
        return new MicroException(ID, status == 404 ? 404 : 502, "the Kubernetes API refused to " + what + ": " + status + " "
                + (reason.length() > 300 ? reason.substring(0, 300) : reason));
    }

    private MicroException unreachable(IOException e) {
        return new MicroException(ID, 503, "the Kubernetes API is unreachable at " + base + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
}
