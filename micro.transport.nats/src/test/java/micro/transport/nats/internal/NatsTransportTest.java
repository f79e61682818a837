package micro.transport.nats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.nats.client.Options;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.NodeTimeoutException;
import micro.api.transport.NotServedHereException;
import micro.api.transport.TransportException;
import micro.broker.nats.internal.NatsServer;
import micro.core.internal.codec.JsonCodec;
import micro.core.internal.server.ServedHandlers;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.ServerProcess;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NATS transport against a real nats-server, one for the class. */
class NatsTransportTest {

    @TempDir
    static Path dir;
    private static ServerProcess nats;
    private static NatsTransport transport;

    @BeforeAll
    static void start() throws Exception {
        nats = NatsServer.start(dir);
        transport = new NatsTransport(new Options.Builder().server("nats://" + nats.address()).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(100)).reportNoResponders().useTimeoutException().build(), 4);
    }

    @AfterAll
    static void stop() throws Exception {
        transport.close();
        nats.close();
    }

    private static Message json(String text) {
        return new Message(Map.of(Message.CONTENT_TYPE, "application/json", Message.SERVICE, "greeter", Message.ENDPOINT,
                "Say.Hello"), text.getBytes(StandardCharsets.UTF_8));
    }

    /** A listener is subscribed once the transport is connected (503 until then, 502 until subscribed): call until it answers. */
    private static Message callUntilServed(Listener listener, Message request) {
        Message[] reply = new Message[1];
        Await.until("the node on " + listener.address() + " to answer", Duration.ofSeconds(20), () -> {
            try {
                reply[0] = CallOptions.join(transport.call(listener.address(), request, Duration.ofSeconds(5)));
                return true;
            } catch (MicroException notYet) {
                if (notYet.code() != 502 && notYet.code() != 503) {
                    throw notYet;
                }
                return false;
            }
        });
        return reply[0];
    }

    public record Hello(String name) {
    }

    public record Reply(String msg) {
    }

    public static final class Say {
        public Reply hello(Hello request) {
            return new Reply("Hello " + request.name());
        }
    }

    @Test
    void aNodeListensOnASubjectOfItsOwnAndAnswersThroughTheDispatcher() {
        try (Listener listener = transport.listen("127.0.0.1:0", ServedHandlers.of(List.of(new JsonCodec()), "greeter", "Say",
                new Say()))) {
            assertTrue(listener.address().startsWith("micro.node."), listener.address());
            Message reply = callUntilServed(listener, json("{\"name\":\"John\"}"));
            assertEquals("{\"msg\":\"Hello John\"}", new String(reply.body(), StandardCharsets.UTF_8));
            assertEquals("application/json", reply.header(Message.CONTENT_TYPE));

            MicroException unknown = assertThrows(MicroException.class, () -> CallOptions.join(transport.call(listener.address(),
                    new Message(Map.of(Message.SERVICE, "greeter", Message.ENDPOINT, "Say.Nothing"), new byte[0]),
                    Duration.ofSeconds(5))));
            assertEquals(404, unknown.code());
            assertEquals("greeter", unknown.id());
            assertTrue(unknown.detail().contains("unknown endpoint Say.Nothing"), unknown.detail());
        }
    }

    @Test
    void errorsKeepTheirTypeAndHeadersTravel() {
        try (Listener listener = transport.listen("micro.test.errors", request -> {
            if (request.header("X-Fail") != null) {
                throw new NotServedHereException("restarting here");
            }
            return new Message(Map.of("X-Echo", String.valueOf(request.header("X-Trace"))), request.body());
        })) {
            assertEquals("micro.test.errors", listener.address(), "a subject given is the subject listened on");
            Message reply = callUntilServed(listener, new Message(Map.of("X-Trace", "t-1"), "x".getBytes(StandardCharsets.UTF_8)));
            assertEquals("t-1", reply.header("X-Echo"));
            MicroException restarting = assertThrows(MicroException.class, () -> CallOptions.join(transport.call(listener.address(),
                    new Message(Map.of("X-Fail", "1"), new byte[0]), Duration.ofSeconds(5))));
            assertInstanceOf(NotServedHereException.class, restarting, "the client retries it elsewhere");
        }
    }

    @Test
    void aSubjectNobodyListensOnIsUnreachableAtOnce() {
        callUntilServed(transport.listen("micro.test.probe", request -> request), json("{}")); // connected
        long start = System.nanoTime();
        MicroException gone = assertThrows(MicroException.class, () -> CallOptions.join(transport.call("micro.node.gone", json("{}"),
                Duration.ofSeconds(10))));
        assertInstanceOf(TransportException.class, gone);
        assertEquals(502, gone.code());
        assertTrue(gone.detail().contains("no responders"), gone.detail());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "no waiting for the timeout");
    }

    @Test
    void withoutNatsACallIsA503NamingIt() throws Exception {
        String nowhere = "127.0.0.1:" + ServerProcess.freePort();
        NatsTransport disconnected = new NatsTransport(new Options.Builder().server("nats://" + nowhere).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(100)).build(), 1);
        try {
            MicroException down = assertThrows(MicroException.class, () -> CallOptions.join(disconnected.call("micro.node.x",
                    json("{}"), Duration.ofSeconds(1))));
            assertEquals(503, down.code());
            assertTrue(down.detail().startsWith("not connected to NATS at [nats://" + nowhere + "]"), down.detail());
        } finally {
            disconnected.close();
        }
    }

    @Test
    void aSlowNodeTimesOutAndClosingWaitsForTheCallsInFlight() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch serving = new CountDownLatch(2); // the call that timed out, and the one in flight at the close
        Listener listener = transport.listen("micro.test.slow", request -> {
            if (request.header("X-Slow") != null) {
                serving.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Message(Map.of(), "done".getBytes(StandardCharsets.UTF_8));
        });
        callUntilServed(listener, json("{}"));
        MicroException late = assertThrows(MicroException.class, () -> CallOptions.join(transport.call(listener.address(),
                new Message(Map.of("X-Slow", "1"), new byte[0]), Duration.ofMillis(200))));
        assertInstanceOf(NodeTimeoutException.class, late);
        assertEquals(408, late.code());

        CompletableFuture<Message> inFlight = transport.call(listener.address(), new Message(Map.of("X-Slow", "1"), new byte[0]),
                Duration.ofSeconds(10));
        assertTrue(serving.await(10, TimeUnit.SECONDS), "both slow calls are being served");
        java.util.concurrent.ExecutorService closer = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<?> closing = closer.submit(listener::close);
        release.countDown();
        closing.get(15, TimeUnit.SECONDS);
        closer.shutdown();
        assertEquals("done", new String(inFlight.get(10, TimeUnit.SECONDS).body(), StandardCharsets.UTF_8),
                "the call in flight was answered before the listener closed");
        assertInstanceOf(TransportException.class, assertThrows(MicroException.class,
                () -> CallOptions.join(transport.call(listener.address(), json("{}"), Duration.ofSeconds(5)))));
    }

    /**
     * Requests that reached the node's subscription before the close but were not handed to a worker
     * yet must be answered too: dropped, each would leave its caller waiting out its whole timeout.
     */
    @Test
    void closingUnderABurstAnswersEveryRequestThatReachedTheNode() throws Exception {
        Listener listener = transport.listen("micro.test.burst", request -> request);
        callUntilServed(listener, json("{}"));
        List<CompletableFuture<Message>> calls = new java.util.ArrayList<>();
        Thread closer = new Thread(listener::close); // closes while the burst below arrives
        closer.start();
        for (int i = 0; i < 4_000; i++) {
            calls.add(transport.call(listener.address(), json("{}"), Duration.ofSeconds(20)));
        }
        closer.join(30_000);
        int timedOut = 0;
        for (CompletableFuture<Message> call : calls) {
            try {
                call.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof NodeTimeoutException) {
                    timedOut++;
                }
            }
        }
        assertEquals(0, timedOut, "calls left without an answer by the close, of " + calls.size());
    }

    // --- streams ---

    /** A listener with streams whose handler is {@code handler}, once it answers a stream's opening. */
    private static Listener streamingNode(micro.api.transport.StreamHandler handler) {
        Listener listener = transport.listen("127.0.0.1:0", request -> request, handler);
        Await.until("the node on " + listener.address() + " to open streams", Duration.ofSeconds(20), () -> {
            try {
                transport.stream(listener.address(), new Message(Map.of("X-Probe", "1"), new byte[0]), Duration.ofSeconds(5)).close();
                return true;
            } catch (MicroException notYet) {
                if (notYet.code() != 502 && notYet.code() != 503) {
                    throw notYet;
                }
                return false;
            }
        });
        return listener;
    }

    private static Message text(String body) {
        return new Message(Map.of(Message.CONTENT_TYPE, "text/plain"), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(Message message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aStreamCarriesThousandsOfMessagesBothWaysInOrder() throws Exception {
        Listener listener = streamingNode((opening, stream) -> {
            for (Message in = stream.receive(Duration.ofSeconds(10)); in != null; in = stream.receive(Duration.ofSeconds(10))) {
                stream.send(text(opening.header("X-Prefix") + body(in)));
            }
        });
        try {
            micro.api.transport.Stream stream = transport.stream(listener.address(),
                    new Message(Map.of("X-Prefix", "echo:"), new byte[0]), Duration.ofSeconds(10));
            int count = 2_000; // many windows' worth: the credit goes round and round
            Thread sender = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    stream.send(text(Integer.toString(i)));
                }
                stream.close();
            });
            sender.start();
            for (int i = 0; i < count; i++) {
                assertEquals("echo:" + i, body(stream.receive(Duration.ofSeconds(10))));
            }
            assertEquals(null, stream.receive(Duration.ofSeconds(10)), "the node's side ends after ours");
            sender.join(10_000);
        } finally {
            listener.close();
        }
    }

    @Test
    void aSenderWaitsForAReaderThatFallsBehindInsteadOfQueueingWithoutBound() throws Exception {
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] serving = new Thread[1];
        Listener listener = streamingNode((opening, stream) -> {
            if (opening.header("X-Probe") != null) {
                return;
            }
            serving[0] = Thread.currentThread();
            for (int i = 0; i < 1_000; i++) {
                stream.send(text(Integer.toString(i)));
                sent.incrementAndGet();
            }
        });
        try (micro.api.transport.Stream stream = transport.stream(listener.address(), text("go"), Duration.ofSeconds(10))) {
            Await.until("the node to fill the window and wait", Duration.ofSeconds(10), () -> serving[0] != null
                    && sent.get() == StreamCredit.MESSAGES && serving[0].getState() == Thread.State.TIMED_WAITING);
            assertEquals(StreamCredit.MESSAGES, sent.get(), "no more than the window unread");
            for (int i = 0; i < StreamCredit.RETURN_MESSAGES; i++) {
                assertEquals(Integer.toString(i), body(stream.receive(Duration.ofSeconds(10))));
            }
            // Credit comes back in batches, or early when the reader finds nothing unread (some of the window may
            // still have been in flight): so reading a batch lets more through, never more than what was read.
            Await.until("reading a batch to let more through", Duration.ofSeconds(10), () -> sent.get() > StreamCredit.MESSAGES);
            assertTrue(sent.get() <= StreamCredit.MESSAGES + StreamCredit.RETURN_MESSAGES,
                    "no more than the window unread: " + sent.get() + " sent, " + StreamCredit.RETURN_MESSAGES + " read");
            for (int i = StreamCredit.RETURN_MESSAGES; i < 1_000; i++) {
                assertEquals(Integer.toString(i), body(stream.receive(Duration.ofSeconds(10))));
            }
            assertEquals(null, stream.receive(Duration.ofSeconds(10)));
        } finally {
            listener.close();
        }
    }

    @Test
    void streamErrorsLimitsAndRefusalsAreClear() throws Exception {
        Listener listener = streamingNode((opening, stream) -> {
            if (opening.header("X-Fail") != null) {
                throw new MicroException("greeter", 409, "no second greeting");
            }
            stream.receive(Duration.ofSeconds(30));
        });
        Listener unary = transport.listen("127.0.0.1:0", request -> request);
        try {
            micro.api.transport.Stream failing = transport.stream(listener.address(), new Message(Map.of("X-Fail", "1"),
                    new byte[0]), Duration.ofSeconds(10));
            MicroException refused = assertThrows(MicroException.class, () -> failing.receive(Duration.ofSeconds(10)));
            assertEquals(409, refused.code());
            assertEquals("no second greeting", refused.detail());

            micro.api.transport.Stream open = transport.stream(listener.address(), text("hi"), Duration.ofSeconds(10));
            MicroException tooLarge = assertThrows(MicroException.class, () -> open.send(new Message(Map.of(), new byte[2 << 20])));
            assertEquals(413, tooLarge.code(), "past the NATS server's max_payload: " + tooLarge.detail());

            callUntilServed(unary, json("{}"));
            MicroException none = assertThrows(MicroException.class,
                    () -> transport.stream(unary.address(), text("hi"), Duration.ofSeconds(10)));
            assertEquals(501, none.code(), "a node that serves no streams says so: " + none.detail());

            listener.close();
            MicroException closed = assertThrows(MicroException.class, () -> open.receive(Duration.ofSeconds(10)));
            assertEquals(503, closed.code(), "a closing node ends its streams: " + closed.detail());
        } finally {
            listener.close();
            unary.close();
        }
    }
}
