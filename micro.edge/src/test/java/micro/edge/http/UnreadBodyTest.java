package micro.edge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An error answered before the request body was read must not leave a keep-alive client on a closing connection. */
class UnreadBodyTest {

    private static final EdgeErrors ERRORS = new EdgeErrors("micro.test");
    private static EdgeServer edge;

    @BeforeAll
    static void start() throws Exception {
        BodyReader bodies = new BodyReader(ERRORS, 1024, 5_000);
        edge = EdgeServer.start("unread-body-test", "127.0.0.1", 0, 5_000, ERRORS, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (Request.getPathInContext(request).equals("/early")) {
                    return ERRORS.write(response, callback, 400, "refused before the body was read");
                }
                return bodies.read(request, response, callback, body -> ERRORS.write(response, callback, 404,
                        "read " + body.length + " bytes, found nothing"));
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        edge.stop();
    }

    @Test
    void anErrorSentBeforeTheBodyArrivedSaysTheConnectionCloses() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /early HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n");
            String answer = readAnswer(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.toLowerCase().contains("connection: close"), answer);
        }
    }

    @Test
    void anErrorAfterTheWholeBodyKeepsTheConnection() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /late HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
            String first = readAnswer(socket.getInputStream());
            assertTrue(first.startsWith("HTTP/1.1 404") && first.contains("read 5 bytes"), first);
            assertFalse(first.toLowerCase().contains("connection: close"), first);

            send(socket, "POST /early HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            String second = readAnswer(socket.getInputStream());
            assertTrue(second.startsWith("HTTP/1.1 400"), "the same connection answers again: " + second);
            assertFalse(second.toLowerCase().contains("connection: close"), "no body, nothing unread: " + second);
        }
    }

    @Test
    void aKeepAliveClientNeverSendsDownAConnectionClosedUnderIt() throws Exception {
        // The JDK client writes headers and body apart, so the body is often not there yet when /early answers.
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI early = URI.create(edge.url() + "/early");
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(early).timeout(Duration.ofSeconds(10))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, refused.statusCode(), refused.body());
        }
        HttpResponse<String> noBody = client.send(HttpRequest.newBuilder(early).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, noBody.statusCode(), "a request without a body: " + noBody.body());
    }

    private static Socket connect() throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), URI.create(edge.url()).getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** One answer whose body is a JSON error: the head, then bytes up to its closing brace. */
    private static String readAnswer(InputStream in) throws Exception {
        StringBuilder answer = new StringBuilder();
        int head = -1;
        for (int read; (read = in.read()) >= 0;) {
            answer.append((char) read);
            if (head < 0) {
                head = answer.indexOf("\r\n\r\n");
            } else if (read == '}') {
                return answer.toString();
            }
        }
        return answer.toString();
    }
}
