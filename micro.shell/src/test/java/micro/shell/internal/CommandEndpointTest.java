package micro.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import micro.core.internal.testing.Configs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the user who started the host drives its command endpoint: no web page, no other Host, no guess. */
class CommandEndpointTest {

    @TempDir
    static Path dir;

    private static CommandEndpoint endpoint;
    private static Path tokenFile;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        tokenFile = dir.resolve("sub").resolve("command.token");
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        endpoint = new CommandEndpoint(Configs.of(CommandEndpoint.Config.class,
                Map.of("address", "127.0.0.1:" + port, "token_file", tokenFile.toString())));
        endpoint.addCommand(CommandRunnerTest.QUERY, Map.of("service.id", 1L));
        endpoint.addCommand(CommandRunnerTest.FAIL, Map.of("service.id", 2L));
    }

    @AfterAll
    static void stop() throws Exception {
        endpoint.deactivate();
        assertFalse(Files.exists(tokenFile), "the token leaves with the endpoint");
    }

    private static String token() throws Exception {
        return Files.readString(tokenFile).trim();
    }

    /** Sends a raw request (the JDK client will not send a foreign Host); answers status line and body. */
    private static String send(String headers, String body) throws Exception {
        return send(headers, body, body.getBytes(StandardCharsets.UTF_8).length);
    }

    private static String send(String headers, String body, int declaredLength) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /command HTTP/1.1\r\n" + headers + "Content-Type: application/json\r\nContent-Length: "
                    + declaredLength + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return answer.substring(0, answer.indexOf("\r\n")) + "\n" + answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    private static String authorized() throws Exception {
        return "Host: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token() + "\r\n";
    }

    @Test
    void theTokenFileIsReadableByItsOwnerOnly() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
        assertEquals(64, token().length());
    }

    @Test
    void aCommandWithTheTokenRuns() throws Exception {
        String answer = send(authorized(), "[\"query\",\"s\",\"e\",\"{\\\"name\\\":\\\"O'Brien %(5*5)\\\"}\"]");
        assertEquals("HTTP/1.1 200 OK\ns|e|{\"name\":\"O'Brien %(5*5)\"}\n", answer);
    }

    @Test
    void withoutTheTokenOrWithAWrongOneIts401() throws Exception {
        String none = send("Host: 127.0.0.1:" + port + "\r\n", "[\"query\",\"s\",\"e\",\"{}\"]");
        assertTrue(none.startsWith("HTTP/1.1 401"), none);
        assertTrue(none.contains(tokenFile.toString()), none);
        String wrong = send("Host: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + "0".repeat(64) + "\r\n", "[]");
        assertTrue(wrong.startsWith("HTTP/1.1 401"), wrong);
    }

    @Test
    void aRequestAWebPageMakesIsRefusedEvenWithTheToken() throws Exception {
        String answer = send(authorized() + "Origin: http://evil.example\r\n", "[\"query\",\"s\",\"e\",\"{}\"]");
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertTrue(answer.contains("\"code\":403"), answer);
    }

    @Test
    void aForeignHostIsRefused() throws Exception {
        String answer = send("Host: evil.example:" + port + "\r\nAuthorization: Bearer " + token() + "\r\n",
                "[\"query\",\"s\",\"e\",\"{}\"]");
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertTrue(send(authorized().replace("127.0.0.1", "localhost"), "[\"query\",\"s\",\"e\",\"{}\"]")
                .startsWith("HTTP/1.1 200"));
    }

    @Test
    void theHostOpensNoFileARemoteCommandNames() throws Exception {
        String answer = send(authorized(), "[\"register\",\"service\",\"/etc/passwd\"]");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("not a file name"), answer);
    }

    @Test
    void aCommandOverOneMebibyteIs413AndBadJsonIs400() throws Exception {
        // Answered from the headers, before the body is sent.
        String large = send(authorized(), "", 1024 * 1024 + 10);
        assertTrue(large.startsWith("HTTP/1.1 413"), large);
        String bad = send(authorized(), "{not json");
        assertTrue(bad.startsWith("HTTP/1.1 400"), bad);
    }
}
