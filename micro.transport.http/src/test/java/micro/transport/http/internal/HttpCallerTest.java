package micro.transport.http.internal;

import static micro.transport.http.internal.TestCalls.failure;
import static micro.transport.http.internal.TestCalls.json;
import static micro.transport.http.internal.TestCalls.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import micro.api.MicroException;
import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.TransportException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's connections to a node: sharing, reuse, and what a misbehaving node costs (one call, never the next). */
class HttpCallerTest {

    private static final HttpSettings SETTINGS = new HttpSettings(1024, 30_000, 5_000, 16, 2, 16);

    private final HttpCaller caller = new HttpCaller(SETTINGS, 4);
    private final HttpTransport node = new HttpTransport(SETTINGS);

    @AfterEach
    void close() {
        caller.close();
        node.close();
    }

    /** Counts each call down on {@code entered}, then echoes its body once {@code release} opens (10 s at most). */
    private static micro.api.transport.TransportHandler echoAfter(CountDownLatch entered, CountDownLatch release) {
        return request -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Message(Map.of(), request.body());
        };
    }

    private static void awaitCondition(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(10); // polling a condition with a deadline, not waiting a fixed time
        }
    }

    /** Two connections, eight callers at once: each call gets its own reply, over no more than two connections. */
    @Test
    void manyCallersShareTwoConnectionsAndEveryCallGetsItsOwnReply() throws Exception {
        try (HttpCaller shared = new HttpCaller(SETTINGS)) {
            manyCallersShareTwoConnections(shared);
        }
    }

    private void manyCallersShareTwoConnections(HttpCaller caller) throws Exception {
        Listener echo = node.listen("127.0.0.1:0", request -> new Message(Map.of(), request.body()));
        List<CompletableFuture<String>> callers = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int id = c;
            callers.add(CompletableFuture.supplyAsync(() -> {
                StringBuilder wrong = new StringBuilder();
                for (int i = 0; i < 300; i++) {
                    String body = "\"" + id + "-" + i + "\"";
                    CompletableFuture<Message> call = i % 2 == 0 ? caller.callAwaited(echo.address(), json(body), Duration.ofSeconds(10))
                            : caller.call(echo.address(), json(body), Duration.ofSeconds(10));
                    String reply = text(call.join());
                    if (!reply.equals(body)) {
                        wrong.append(body).append(" got ").append(reply).append("; ");
                    }
                }
                return wrong.toString();
            }));
        }
        for (CompletableFuture<String> each : callers) {
            assertEquals("", each.get(60, TimeUnit.SECONDS));
        }
        assertTrue(caller.connections(echo.address()) <= 2, "connections: " + caller.connections(echo.address()));
    }

    @Test
    void aNodeClosingAnIdleConnectionIsNoticedBeforeTheNextCall() throws Exception {
        try (ScriptedNode scripted = new ScriptedNode((connection, number, head) -> {
            ScriptedNode.Reply ok = ScriptedNode.Reply.ok("\"" + number + "\"");
            return new ScriptedNode.Reply(ok.bytes(), true); // answers, keeps alive by HTTP/1.1's rules, then hangs up
        })) {
            assertEquals("\"1\"", text(caller.call(scripted.address(), json("{}"), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS)));
            awaitCondition("the client lets go of the closed connection", () -> caller.connections(scripted.address()) == 0);
            assertEquals("\"2\"", text(caller.call(scripted.address(), json("{}"), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS)));
            assertEquals(2, scripted.connections());
        }
    }

    @Test
    void headersThatFrameTheConnectionStayOursAndALineBreakInAValueIsRefused() throws Exception {
        try (ScriptedNode scripted = new ScriptedNode((connection, number, head) -> ScriptedNode.Reply.ok("{}"))) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(Message.SERVICE, "greeter");
            headers.put("Micro-Id", "7");
            headers.put("Transfer-Encoding", "chunked");
            headers.put("connection", "close");
            headers.put("Content-Length", "999");
            caller.call(scripted.address(), new Message(headers, "{}".getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(5))
                    .get(10, TimeUnit.SECONDS);
            String head = scripted.heads().get(0);
            assertTrue(head.startsWith("POST / HTTP/1.1\r\nHost: " + scripted.address() + "\r\n"), head);
            assertTrue(head.contains("\r\nContent-Length: 2\r\n") && head.contains("\r\nMicro-Id: 7\r\n"), head);
            assertFalse(head.contains("chunked") || head.contains("close") || head.contains("999"), head);

            MicroException refused = failure(caller.call(scripted.address(), new Message(Map.of("Micro-Id", "7\r\nX-Evil: 1"),
                    new byte[0]), Duration.ofSeconds(5)));
            assertEquals(400, refused.code());
            assertTrue(refused.detail().contains("Micro-Id"), refused.detail());
            MicroException badName = failure(caller.call(scripted.address(), new Message(Map.of("Bad Name", "x"), new byte[0]),
                    Duration.ofSeconds(5)));
            assertEquals(400, badName.code());
            assertEquals(1, scripted.heads().size(), "nothing of a refused call reaches the node");
        }
    }

    @Test
    void aReplyThatIsNotHttpFailsItsCallAndTheNextCallGetsAFreshConnection() throws Exception {
        try (ScriptedNode scripted = new ScriptedNode((connection, number, head) -> connection == 1
                ? ScriptedNode.Reply.raw("SSH-2.0-OpenSSH\r\n\r\n", false) : ScriptedNode.Reply.ok("\"fine\""))) {
            MicroException error = failure(caller.call(scripted.address(), json("{}"), Duration.ofSeconds(5)));
            assertInstanceOf(TransportException.class, error);
            assertEquals(502, error.code());
            assertEquals("\"fine\"", text(caller.call(scripted.address(), json("{}"), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS)));
            assertEquals(2, scripted.connections());
        }
    }

    @Test
    void aNodeHangingUpInTheMiddleOfItsReplyFailsTheCall() throws Exception {
        try (ScriptedNode scripted = new ScriptedNode((connection, number, head) -> ScriptedNode.Reply.raw(
                "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":", true))) {
            MicroException error = failure(caller.call(scripted.address(), json("{}"), Duration.ofSeconds(5)));
            assertInstanceOf(TransportException.class, error);
            assertTrue(error.detail().contains("closed"), error.detail());
        }
    }

    @Test
    void aReplyDeclaringMoreThanTheLimitFailsBeforeItsBodyIsRead() throws Exception {
        try (ScriptedNode scripted = new ScriptedNode((connection, number, head) -> ScriptedNode.Reply.raw(
                "HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n", false))) {
            MicroException error = failure(caller.call(scripted.address(), json("{}"), Duration.ofSeconds(5)));
            assertInstanceOf(TransportException.class, error);
            assertTrue(error.detail().contains("exceeds 1024 bytes"), error.detail());
        }
    }

    /** Two connections carry two calls, four wait; the seventh is refused at once instead of queueing without end. */
    @Test
    void callsBeyondTheWaitingLimitFailAtOnceAndTimedOutOnesLetGoOfTheirPlace() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch carried = new CountDownLatch(2);
        Listener slow = node.listen("127.0.0.1:0", echoAfter(carried, release));
        List<CompletableFuture<Message>> accepted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            accepted.add(caller.call(slow.address(), json("\"" + i + "\""), Duration.ofSeconds(10)));
            if (i == 1) {
                assertTrue(carried.await(10, TimeUnit.SECONDS), "two calls reach the node"); // the rest wait for their connections
            }
        }
        MicroException refused = failure(caller.call(slow.address(), json("\"7\""), Duration.ofSeconds(10)));
        assertInstanceOf(TransportException.class, refused);
        assertTrue(refused.detail().contains("4 calls are already waiting"), refused.detail());
        release.countDown();
        for (int i = 0; i < 6; i++) {
            assertEquals("\"" + i + "\"", text(accepted.get(i).get(10, TimeUnit.SECONDS)));
        }

        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch stuckCarried = new CountDownLatch(2);
        Listener stuck = node.listen("127.0.0.1:0", echoAfter(stuckCarried, never));
        List<CompletableFuture<Message>> expiring = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            expiring.add(caller.call(stuck.address(), json("{}"), Duration.ofMillis(i < 2 ? 2_000 : 300)));
            if (i == 1) {
                assertTrue(stuckCarried.await(10, TimeUnit.SECONDS), "two calls reach the node");
            }
        }
        for (CompletableFuture<Message> call : expiring) {
            assertEquals(408, failure(call).code());
        }
        never.countDown();
        assertEquals("\"again\"", text(caller.call(stuck.address(), json("\"again\""), Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS)));
    }

    @Test
    void anAddressThatIsNotHostAndPortIsATransportException() throws Exception {
        MicroException error = failure(caller.call("no-port-here", json("{}"), Duration.ofSeconds(5)));
        assertInstanceOf(TransportException.class, error);
        assertTrue(error.detail().contains("invalid address"), error.detail());
    }
}
