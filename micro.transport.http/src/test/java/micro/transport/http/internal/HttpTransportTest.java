package micro.transport.http.internal;

import static micro.transport.http.internal.TestCalls.failure;
import static micro.transport.http.internal.TestCalls.json;
import static micro.transport.http.internal.TestCalls.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import micro.api.MicroException;
import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.TransportException;
import micro.api.transport.TransportHandler;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpTransportTest {

    private final HttpTransport transport = new HttpTransport(new HttpSettings(1024, 30_000, 5_000, 16, 8, 16));

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void carriesHeadersAndBodyBothWays() throws Exception {
        Listener listener = transport.listen("127.0.0.1:0", request -> new Message(Map.of(Message.CONTENT_TYPE,
                "application/json"), ("{\"service\":\"" + request.header("micro-service") + "\",\"endpoint\":\""
                        + request.header(Message.ENDPOINT) + "\",\"echo\":" + text(request) + "}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(listener.address().startsWith("127.0.0.1:"), listener.address());

        Message reply = transport.call(listener.address(), json("{\"name\":\"John\"}"), Duration.ofSeconds(5)).get();
        assertEquals("{\"service\":\"greeter\",\"endpoint\":\"Say.Hello\",\"echo\":{\"name\":\"John\"}}", text(reply));
        assertEquals("application/json", reply.header("content-type"));
    }

    @Test
    void answersAPlainHttpClientLikeCurl() throws Exception {
        Listener listener = transport.listen("127.0.0.1:0", request -> new Message(Map.of(), "{\"msg\":\"hi\"}".getBytes()));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + listener.address() + "/")).header("Micro-Service", "greeter")
                .header("Micro-Endpoint", "Say.Hello").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"John\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("{\"msg\":\"hi\"}", response.body());
    }

    @Test
    void remoteErrorsKeepTheirIdCodeAndDetail() throws Exception {
        Listener listener = transport.listen("127.0.0.1:0", request -> {
            throw MicroException.notFound("greeter", "unknown endpoint Say.Bye");
        });
        MicroException error = failure(transport.call(listener.address(), json("{}"), Duration.ofSeconds(5)));
        assertEquals(404, error.code());
        assertEquals("greeter", error.id());
        assertEquals("unknown endpoint Say.Bye", error.detail());
    }

    @Test
    void aFailureWithAMeaningForTheCallerArrivesAsItsType() throws Exception {
        Listener listener = transport.listen("127.0.0.1:0", request -> {
            throw new micro.api.transport.NotServedHereException("greeter is restarting here");
        });
        MicroException error = failure(transport.call(listener.address(), json("{}"), Duration.ofSeconds(5)));
        assertTrue(error instanceof micro.api.transport.NotServedHereException, error.getClass().getName());
        assertEquals(503, error.code());
        assertEquals("greeter is restarting here", error.detail());
    }

    @Test
    void anUnexpectedHandlerFailureIsA500AndTheListenerKeepsServing() throws Exception {
        Listener listener = transport.listen("127.0.0.1:0", request -> {
            if (text(request).contains("boom")) {
                throw new IllegalStateException("boom");
            }
            return new Message(Map.of(), "{}".getBytes());
        });
        assertEquals(500, failure(transport.call(listener.address(), json("\"boom\""), Duration.ofSeconds(5))).code());
        assertEquals("{}", text(transport.call(listener.address(), json("{}"), Duration.ofSeconds(5)).get()));
    }

    @Test
    void otherMethodsGet405AsJson() throws Exception {
        Listener listener = transport.listen("127.0.0.1:0", request -> new Message(Map.of(), new byte[0]));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + listener.address() + "/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode());
        assertTrue(response.body().contains("\"code\":405"), response.body());
        assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        Listener listener = transport.listen("127.0.0.1:0", request -> new Message(Map.of(), new byte[0]));
        MicroException error = failure(transport.call(listener.address(), json("\"" + "x".repeat(4096) + "\""),
                Duration.ofSeconds(5)));
        assertEquals(413, error.code());
        assertTrue(error.detail().contains("1024"), error.detail());
    }

    @Test
    void requestsJettyRefusesItselfAreJsonErrorsToo() throws Exception {
        Listener listener = transport.listen("127.0.0.1:0", request -> new Message(Map.of(), "{}".getBytes()));
        HostPort node = HostPort.parse(listener.address());
        for (String[] test : new String[][] { { "garbage\r\n\r\n", "400" }, { "POST / HTTP/7.7\r\nHost: x\r\n\r\n", "505" },
                { "POST /" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", "414" } }) {
            try (java.net.Socket socket = new java.net.Socket(node.host(), node.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(test[0].getBytes(StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 " + test[1]), answer);
                assertTrue(answer.contains("application/json") && answer.contains("\"code\":" + test[1]), answer);
            }
        }
        assertEquals("{}", text(transport.call(listener.address(), json("{}"), Duration.ofSeconds(5)).get()));
    }

    @Test
    void threadsABurstNeededLeaveWithinSeconds() throws Exception {
        HttpTransport wide = new HttpTransport(new HttpSettings(1024, 30_000, 5_000, 120, 120, 16));
        CountDownLatch release = new CountDownLatch(1);
        try {
            Listener listener = wide.listen("127.0.0.1:0", request -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Message(Map.of(), "{}".getBytes());
            });
            java.util.List<CompletableFuture<Message>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(wide.call(listener.address(), json("{}"), Duration.ofSeconds(30)));
            }
            awaitCondition("the burst to take its threads", () -> serverThreads() >= 60);
            release.countDown();
            for (CompletableFuture<Message> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
            awaitCondition("idle threads to leave", () -> serverThreads() <= 20);
        } finally {
            release.countDown();
            wide.close();
        }
    }

    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("micro-http-server")).count();
    }

    private static void awaitCondition(String what, java.util.function.BooleanSupplier condition) {
        micro.core.internal.testing.Await.probe(what, Duration.ofSeconds(30), condition::getAsBoolean,
                () -> serverThreads() + " server threads");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        Listener listener = transport.listen("127.0.0.1:0", request -> new Message(Map.of(), new byte[0]));
        // No Content-Length: the limit can only be found while reading.
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + listener.address() + "/")).header("Micro-Service", "greeter")
                .header("Micro-Endpoint", "Say.Hello").POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(new byte[5000]))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"code\":413"), response.body());
    }

    @Test
    void aBodyThatTricklesInIsA408AtTheIdleTimeoutThoughItNeverWentSilent() throws Exception {
        HttpTransport quick = new HttpTransport(new HttpSettings(1024, 1_000, 5_000, 16, 8, 16));
        try {
            Listener listener = quick.listen("127.0.0.1:0", request -> new Message(Map.of(), "{}".getBytes()));
            HostPort node = HostPort.parse(listener.address());
            try (java.net.Socket socket = new java.net.Socket(node.host(), node.port())) {
                java.io.OutputStream out = socket.getOutputStream();
                out.write(("POST / HTTP/1.1\r\nHost: x\r\nMicro-Service: greeter\r\nMicro-Endpoint: Say.Hello\r\n"
                        + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                java.io.InputStream in = socket.getInputStream();
                // A byte each time 100 ms pass without an answer: never silent for the idle timeout.
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
                String answer = (char) first + new String(in.readNBytes(11), StandardCharsets.US_ASCII);
                assertEquals("HTTP/1.1 408", answer);
            }
            assertEquals("{}", text(quick.call(listener.address(), json("{}"), Duration.ofSeconds(5)).get()));
        } finally {
            quick.close();
        }
    }

    @Test
    void aReplyOverTheLimitFailsTheCallAndAReplyAtTheLimitArrivesWhole() throws Exception {
        byte[] atLimit = ("\"" + "y".repeat(1022) + "\"").getBytes(StandardCharsets.UTF_8);
        Listener exact = transport.listen("127.0.0.1:0", request -> new Message(Map.of(), atLimit));
        assertEquals(new String(atLimit, StandardCharsets.UTF_8),
                text(transport.call(exact.address(), json("{}"), Duration.ofSeconds(5)).get()));

        Listener large = transport.listen("127.0.0.1:0", request -> new Message(Map.of(), new byte[4096]));
        MicroException error = failure(transport.call(large.address(), json("{}"), Duration.ofSeconds(5)));
        assertInstanceOf(TransportException.class, error);
        assertTrue(error.detail().contains("1024"), error.detail());
    }

    @Test
    void anAddressNobodyListensOnIsATransportException() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        MicroException error = failure(transport.call("127.0.0.1:" + port, json("{}"), Duration.ofSeconds(5)));
        assertInstanceOf(TransportException.class, error);
        assertEquals(502, error.code());
        assertTrue(error.detail().contains("127.0.0.1:" + port), error.detail());
    }

    @Test
    void aSlowNodeTimesOutWith408() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Listener listener = transport.listen("127.0.0.1:0", blockUntil(release));
        MicroException error = failure(transport.call(listener.address(), json("{}"), Duration.ofMillis(200)));
        release.countDown();
        assertEquals(408, error.code());
    }

    @Test
    void closingAListenerLetsTheCallInFlightFinish() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Listener listener = transport.listen("127.0.0.1:0", request -> {
            started.countDown();
            blockUntil(release).handle(request);
            return new Message(Map.of(), "{\"done\":true}".getBytes());
        });
        CompletableFuture<Message> inFlight = transport.call(listener.address(), json("{}"), Duration.ofSeconds(10));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(listener::close);
        release.countDown();
        assertEquals("{\"done\":true}", text(inFlight.get(10, TimeUnit.SECONDS)));
        closing.get(10, TimeUnit.SECONDS);
        assertInstanceOf(TransportException.class, failure(transport.call(listener.address(), json("{}"), Duration.ofSeconds(5))));
    }

    /**
     * Replies are read on the I/O thread: were a call's continuation run there, one that waits for
     * another reply (a call made in a callback) would wait for the thread it holds.
     */
    @Test
    void aContinuationThatWaitsForAnotherReplyDoesNotStallIt() throws Exception {
        Listener listener = transport.listen("127.0.0.1:0", request -> new Message(Map.of(), request.body()));
        CompletableFuture<String> nested = transport.call(listener.address(), json("\"outer\""), Duration.ofSeconds(5))
                .thenApply(outer -> text(outer) + " then " + text(awaitInner(transport.call(listener.address(),
                        json("\"inner\""), Duration.ofSeconds(5)))));
        assertEquals("\"outer\" then \"inner\"", nested.get(10, TimeUnit.SECONDS));

        Message awaited = transport.callAwaited(listener.address(), json("\"awaited\""), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertEquals("\"awaited\"", text(awaited));
        Listener failing = transport.listen("127.0.0.1:0", request -> {
            throw MicroException.badRequest("greeter", "no name");
        });
        MicroException refused = failure(transport.callAwaited(failing.address(), json("{}"), Duration.ofSeconds(5)));
        assertEquals(400, refused.code());
        assertEquals("no name", refused.detail());
    }

    private static Message awaitInner(CompletableFuture<Message> inner) {
        try {
            return inner.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the inner call did not arrive while its caller's continuation waited", e);
        }
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        Listener first = transport.listen("127.0.0.1:0", request -> new Message(Map.of(), new byte[0]));
        MicroException error = org.junit.jupiter.api.Assertions.assertThrows(MicroException.class,
                () -> transport.listen(first.address(), request -> new Message(Map.of(), new byte[0])));
        assertTrue(error.detail().startsWith("cannot listen on " + first.address()), error.detail());
    }

    private static TransportHandler blockUntil(CountDownLatch release) {
        return request -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Message(Map.of(), new byte[0]);
        };
    }
}
