package micro.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import micro.api.MicroException;
import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.Stream;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A peer cannot make a stream hold more than its bounds, nor keep a finished stream busy. */
class StreamLimitsTest {

    private static final int MAX_MESSAGE = 64 * 1024;
    private static final int MAX_STREAMS = 2;

    private static HttpTransport transport;

    @BeforeAll
    static void start() {
        transport = new HttpTransport(new HttpSettings(MAX_MESSAGE, 30_000, 5_000, 16, 8, MAX_STREAMS));
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

    private static Message text(String text) {
        return new Message(Map.of(Message.CONTENT_TYPE, "application/json"), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void framesSentAfterTheHandlerReturnedAreNotKeptAndTheSocketCloses() throws Exception {
        Listener listener = transport.listen("127.0.0.1:0", request -> request, (request, stream) -> stream.send(text("only")));
        try (RawWebSocket peer = new RawWebSocket(listener.address())) {
            peer.sendAndWait(RawWebSocket.message((byte) 'M', "{}".getBytes(), OpCode.BINARY, true));
            byte[] junk = new byte[3 * 1024];
            // Flood as the attack did; the server must close instead of queueing (bounded here: 100 MB).
            for (int i = 0; i < 30_000 && !peer.closed.isDone(); i++) {
                peer.send(RawWebSocket.message((byte) 'M', junk, OpCode.BINARY, true), Callback.NOOP);
            }
            assertEquals(CloseStatus.NORMAL, peer.closed.get(20, TimeUnit.SECONDS).getCode());
        } finally {
            listener.close();
        }
    }

    @Test
    void aMessageAfterThePeersEndClosesTheSocketWithPolicyViolation() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Listener listener = transport.listen("127.0.0.1:0", request -> request, (request, stream) -> {
            while (stream.receive(Duration.ofSeconds(20)) != null) {
                // read up to the end
            }
            awaitQuietly(release);
        });
        try (RawWebSocket peer = new RawWebSocket(listener.address())) {
            peer.sendAndWait(RawWebSocket.message((byte) 'M', "{}".getBytes(), OpCode.BINARY, true));
            peer.sendAndWait(RawWebSocket.message((byte) 'C', new byte[0], OpCode.BINARY, true));
            peer.sendAndWait(RawWebSocket.message((byte) 'M', "late".getBytes(), OpCode.BINARY, true));
            assertEquals(CloseStatus.POLICY_VIOLATION, peer.closed.get(20, TimeUnit.SECONDS).getCode());
        } finally {
            release.countDown();
            listener.close();
        }
    }

    @Test
    void aMessageOverTheLimitIsRefusedWith1009AndTheHandlerHearsWhy() throws Exception {
        CompletableFuture<MicroException> heard = new CompletableFuture<>();
        Listener listener = transport.listen("127.0.0.1:0", request -> request, (request, stream) -> {
            try {
                stream.receive(Duration.ofSeconds(20));
            } catch (MicroException e) {
                heard.complete(e);
            }
        });
        try (RawWebSocket peer = new RawWebSocket(listener.address())) {
            peer.sendAndWait(RawWebSocket.message((byte) 'M', "{}".getBytes(), OpCode.BINARY, true));
            // Split in frames so that only the joined message is over the limit.
            peer.sendAndWait(RawWebSocket.message((byte) 'M', new byte[MAX_MESSAGE / 2], OpCode.BINARY, false));
            peer.sendAndWait(RawWebSocket.fragment(new byte[MAX_MESSAGE], OpCode.CONTINUATION, true));
            CloseStatus status = peer.closed.get(20, TimeUnit.SECONDS);
            assertEquals(CloseStatus.MESSAGE_TOO_LARGE, status.getCode(), status.getReason());
            assertEquals(413, heard.get(20, TimeUnit.SECONDS).code());
        } finally {
            listener.close();
        }
    }

    @Test
    void aSenderIsToldBeforeSendingAMessageOverTheLimit() {
        Listener listener = transport.listen("127.0.0.1:0", request -> request, (request, stream) -> {
        });
        try {
            Stream stream = transport.stream(listener.address(), text("{}"), Duration.ofSeconds(10));
            MicroException error = assertThrows(MicroException.class,
                    () -> stream.send(new Message(Map.of(), new byte[MAX_MESSAGE + 1])));
            assertEquals(413, error.code());
            stream.close();
        } finally {
            listener.close();
        }
    }

    @Test
    void textFramesAreRefusedWith1003() throws Exception {
        Listener listener = transport.listen("127.0.0.1:0", request -> request, (request, stream) -> {
        });
        try (RawWebSocket peer = new RawWebSocket(listener.address())) {
            peer.sendAndWait(RawWebSocket.fragment("hello".getBytes(), OpCode.TEXT, true));
            assertEquals(CloseStatus.BAD_DATA, peer.closed.get(20, TimeUnit.SECONDS).getCode());
        } finally {
            listener.close();
        }
    }

    @Test
    void streamsBeyondTheLimitAreRefusedWith503AndTheOthersCarryOn() {
        CountDownLatch release = new CountDownLatch(1);
        Listener listener = transport.listen("127.0.0.1:0", request -> request, (request, stream) -> {
            awaitQuietly(release);
            stream.send(text("served"));
        });
        try {
            // Which of the streams finds the pool full depends on arrival order; exactly one does.
            List<CompletableFuture<String>> outcomes = new ArrayList<>();
            for (int i = 0; i <= MAX_STREAMS; i++) {
                Stream stream = transport.stream(listener.address(), text("{}"), Duration.ofSeconds(10));
                outcomes.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return new String(stream.receive(Duration.ofSeconds(20)).body(), StandardCharsets.UTF_8);
                    } catch (MicroException e) {
                        return String.valueOf(e.code());
                    }
                }));
            }
            assertEquals("503", CompletableFuture.anyOf(outcomes.toArray(CompletableFuture[]::new)).join());
            release.countDown();
            List<String> all = outcomes.stream().map(CompletableFuture::join).sorted().toList();
            assertEquals(List.of("503", "served", "served"), all);
        } finally {
            release.countDown();
            listener.close();
        }
    }

    @Test
    void aReaderThatFallsBehindLosesNothing() {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> read = new CompletableFuture<>();
        Listener listener = transport.listen("127.0.0.1:0", request -> request, (request, stream) -> {
            awaitQuietly(release);
            int expected = 0;
            for (Message next; (next = stream.receive(Duration.ofSeconds(20))) != null; expected++) {
                if (!String.valueOf(expected).equals(new String(next.body(), 0, String.valueOf(expected).length(),
                        StandardCharsets.UTF_8))) {
                    read.completeExceptionally(new AssertionError("message " + expected + " out of order"));
                    return;
                }
            }
            read.complete(expected);
        });
        try {
            Stream stream = transport.stream(listener.address(), text("{}"), Duration.ofSeconds(10));
            String padding = "-".repeat(3000);
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 2_000; i++) {
                    stream.send(text(i + padding));
                    if (i == 200) {
                        release.countDown(); // well past the inbox's bound: the socket has paused by now
                    }
                }
                stream.close();
            });
            sent.join();
            assertEquals(2_000, read.join());
        } finally {
            release.countDown();
            listener.close();
        }
    }

    @Test
    void theInboxAsksToPauseWhenFullAndToResumeWhenReadBelowItsBound() throws Exception {
        StreamInbox inbox = new StreamInbox(3, 1024);
        assertTrue(inbox.add(text("1")));
        assertTrue(inbox.add(text("2")));
        assertEquals(false, inbox.add(text("3")));
        assertTrue(inbox.take(Duration.ofSeconds(1)).resume());
        assertEquals(false, inbox.take(Duration.ofSeconds(1)).resume(), "resumed once only");
        assertEquals(false, inbox.add(new Message(Map.of(), new byte[2048])), "bytes count too");
        inbox.finish("end");
        inbox.take(Duration.ofSeconds(1));
        inbox.take(Duration.ofSeconds(1));
        assertEquals("end", inbox.take(Duration.ofSeconds(1)).item());
        assertEquals("end", inbox.take(Duration.ofSeconds(1)).item(), "the end stays");
        assertNull(new StreamInbox(1, 1).take(Duration.ofMillis(1)), "nothing in time");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
