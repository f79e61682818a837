package micro.gateway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import micro.core.internal.testing.ScriptedClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What stands between a browser or a bad client and the services: CORS, limits, timeouts, TLS. */
class GatewayEdgeTest {

    private final ScriptedClient client = FakeUpstreams.client();

    @Test
    void corsAllowsListedOriginsOnly() throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(client, null, Map.of("cors", "http://allowed.example"))) {
            HttpResponse<String> allowed = fixture.send("OPTIONS", "/greeter/say/hello", null, "Origin",
                    "http://allowed.example", "Access-Control-Request-Method", "POST");
            assertEquals("http://allowed.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertTrue(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));

            HttpResponse<String> refused = fixture.send("OPTIONS", "/greeter/say/hello", null, "Origin",
                    "http://evil.example", "Access-Control-Request-Method", "POST");
            assertFalse(refused.headers().firstValue("Access-Control-Allow-Origin").isPresent());

            HttpResponse<String> call = fixture.send("POST", "/greeter/say/hello", "{}", "Origin", "http://allowed.example");
            assertEquals(200, call.statusCode());
            assertEquals("http://allowed.example", call.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        }
    }

    @Test
    void requestsJettyRefusesBeforeRoutingGetJsonErrorsToo() throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(client, null, Map.of())) {
            int port = URI.create(fixture.gateway.address()).getPort();
            String[][] cases = {
                    { "garbage\r\n\r\n", "400" },
                    { "GET / HTTP/7.7\r\nHost: x\r\n\r\n", "505" },
                    { "GET /" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", "414" },
                    { "GET / HTTP/1.1\r\nHost: x\r\n" + "X-A: b\r\n".repeat(2_000) + "\r\n", "431" },
                    { "GET /../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", "400" } };
            for (String[] test : cases) {
                String answer = raw(port, test[0]);
                assertTrue(answer.startsWith("HTTP/1.1 " + test[1]), test[1] + ": " + answer);
                assertTrue(answer.toLowerCase().contains("content-type: application/json"), answer);
                assertTrue(answer.contains("\"code\":" + test[1]), answer);
            }
            assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}").statusCode(), "the gateway keeps serving");
        }
    }

    @Test
    void corsNamesOnlyRealHeaders() throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(client, null, Map.of("cors", "http://allowed.example",
                "cors_headers", "Content-Type,X-Micro-Trace"))) {
            HttpResponse<String> preflight = fixture.send("OPTIONS", "/greeter/say/hello", null, "Origin",
                    "http://allowed.example", "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers",
                    "x-micro-trace");
            String allowed = preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("");
            assertTrue(allowed.contains("X-Micro-Trace") && !allowed.contains("*"), allowed);
        }
    }

    /** Sends bytes as they are, as a broken or hostile client would; answers the status line and headers and body. */
    static String raw(int port, String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] answer = new byte[8192];
            int length = 0;
            for (int read; length < answer.length && (read = socket.getInputStream().read(answer, length, answer.length - length)) > 0;) {
                length += read;
                String text = new String(answer, 0, length, StandardCharsets.ISO_8859_1);
                int head = text.indexOf("\r\n\r\n");
                if (head > 0 && text.indexOf('}', head) > 0) {
                    break; // a whole JSON error arrived; the connection may stay open
                }
            }
            return new String(answer, 0, length, StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException e) {
            return "reset: " + e.getMessage();
        }
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(client, null, Map.of("max_body_bytes", 1024))) {
            HttpResponse<String> response = fixture.send("POST", "/greeter/say/hello", "{\"name\":\"" + "x".repeat(5000) + "\"}");
            assertEquals(413, response.statusCode(), response.body());
            assertTrue(response.body().contains("1024"), response.body());
            assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}").statusCode());
        }
    }

    @Test
    void aClientThatNeverFinishesItsBodyIsTimedOutAndHoldsNothing() throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(client, null, Map.of("read_timeout_ms", 300L))) {
            URI uri = URI.create(fixture.gateway.address());
            long start = System.nanoTime();
            String answer;
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), uri.getPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /greeter/say/hello HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"name\":").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds < 10, "the connection was held " + seconds + " s");
            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408"), answer);
            assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}").statusCode(), "the gateway keeps serving");
        }
    }

    @Test
    void aBodyThatTricklesInIsCutOffAtTheReadTimeoutThoughItNeverWentSilent() throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(client, null, Map.of("read_timeout_ms", 1000L))) {
            URI uri = URI.create(fixture.gateway.address());
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), uri.getPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /greeter/say/hello HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                // A byte each time 100 ms pass without an answer: the idle timeout never fires, the answer must come anyway.
                socket.setSoTimeout(100);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                int first = -1;
                while (first < 0 && System.nanoTime() < deadline) {
                    out.write(' ');
                    out.flush();
                    try {
                        first = in.read();
                    } catch (java.net.SocketTimeoutException e) {
                        // no answer yet: trickle on
                    }
                }
                socket.setSoTimeout(10_000);
                byte[] head = new byte[11];
                int read = in.readNBytes(head, 0, head.length);
                assertEquals("HTTP/1.1 408", (char) first + new String(head, 0, read, StandardCharsets.US_ASCII));
            }
            assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}").statusCode(), "the gateway keeps serving");
        }
    }

    @Test
    void manyClientsSendingSlowBodiesDoNotStarveTheOthers() throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(client, null, Map.of("read_timeout_ms", 20_000L))) {
            URI uri = URI.create(fixture.gateway.address());
            java.util.List<Socket> slow = new java.util.ArrayList<>();
            try {
                // More than the gateway's 200 threads: each used to hold one while it waited for the body.
                for (int i = 0; i < 250; i++) {
                    Socket socket = new Socket(InetAddress.getLoopbackAddress(), uri.getPort());
                    slow.add(socket);
                    socket.getOutputStream().write(("POST /greeter/say/hello HTTP/1.1\r\nHost: x\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
                for (int i = 0; i < 20; i++) {
                    HttpResponse<String> response = fixture.send("GET", "/greeter/say/hello?name=x", null);
                    assertEquals(200, response.statusCode(), response.body());
                    assertEquals(200, fixture.send("POST", "/greeter/say/hello", "{}").statusCode());
                }
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtStartWithTheReason(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path other = dir.resolve("other.pem");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-keyout", dir.resolve("key.pem").toString(), "-out", cert.toString());
        openssl(dir, "genpkey", "-algorithm", "RSA", "-out", other.toString());
        IllegalArgumentException mismatch = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TlsContexts.fromPem(cert.toString(), other.toString()));
        assertTrue(mismatch.getMessage().contains("does not belong to the certificate"), mismatch.getMessage());

        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TlsContexts.fromPem(garbage.toString(), other.toString()));
        assertTrue(bad.getMessage().contains(garbage.toString()), bad.getMessage());
    }

    private static void openssl(Path dir, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("openssl"));
        command.addAll(java.util.List.of(args));
        Process openssl = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl failed: " + output);
    }

    @Test
    void servesHttpsWithAPemCertificateAndKey(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, "openssl failed: " + output);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cert))));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trustManagers.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();

        try (GatewayFixture fixture = new GatewayFixture(client, null, Map.of("enable_tls", true,
                "tls_cert_file", cert.toString(), "tls_key_file", key.toString()), https)) {
            assertTrue(fixture.gateway.address().startsWith("https://127.0.0.1:"), fixture.gateway.address());
            HttpResponse<String> response = fixture.send("POST", "/greeter/say/hello", "{\"name\":\"TLS\"}");
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("TLS"));
        }
    }
}
