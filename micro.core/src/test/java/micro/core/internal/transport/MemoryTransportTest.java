package micro.core.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

import micro.api.MicroException;
import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.NodeTimeoutException;
import micro.api.transport.TransportException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-memory transport fails the way a network transport does. */
class MemoryTransportTest {

    private final MemoryTransport transport = new MemoryTransport();

    @AfterEach
    void close() {
        transport.close();
    }

    private static Message text(String body) {
        return new Message(Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static Throwable failure(java.util.concurrent.CompletableFuture<Message> reply) {
        return assertThrows(CompletionException.class, reply::join).getCause();
    }

    @Test
    void callsTheListenerAtAnAddressAndPortZeroPicksAFreeOne() {
        Listener a = transport.listen("127.0.0.1:0", request -> text("a:" + new String(request.body(), StandardCharsets.UTF_8)));
        Listener b = transport.listen("127.0.0.1:0", request -> text("b"));
        assertNotEquals(a.address(), b.address());
        assertEquals("a:hi", new String(transport.call(a.address(), text("hi"), Duration.ofSeconds(5)).join().body(),
                StandardCharsets.UTF_8));
        MicroException inUse = assertThrows(MicroException.class, () -> transport.listen(a.address(), request -> text("c")));
        assertEquals(409, inUse.code());
    }

    @Test
    void anAddressNobodyListensOnIsUnreachableAndAClosedListenerToo() {
        Listener gone = transport.listen("127.0.0.1:7", request -> text("x"));
        gone.close();
        assertInstanceOf(TransportException.class, failure(transport.call("127.0.0.1:7", text("x"), Duration.ofSeconds(5))));
    }

    @Test
    void aSlowHandlerIsANodeTimeoutAndAFailingOneA500() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Listener slow = transport.listen("127.0.0.1:0", request -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return text("late");
        });
        try {
            assertInstanceOf(NodeTimeoutException.class, failure(transport.call(slow.address(), text("x"), Duration.ofMillis(50))));
        } finally {
            release.countDown();
        }
        Listener broken = transport.listen("127.0.0.1:0", request -> {
            throw new IllegalStateException("out of words");
        });
        MicroException error = assertInstanceOf(MicroException.class,
                failure(transport.call(broken.address(), text("x"), Duration.ofSeconds(5))));
        assertEquals(500, error.code());
        assertEquals("out of words", error.detail());
        Listener refusing = transport.listen("127.0.0.1:0", request -> {
            throw MicroException.badRequest("greeter", "name is required");
        });
        assertEquals(400, ((MicroException) failure(transport.call(refusing.address(), text("x"), Duration.ofSeconds(5)))).code());
    }
}
