package micro.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.Stream;

import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stream messages arrive whole and unchanged whatever their size and however the peer frames them:
 * Jetty splits large messages into continuation frames, and a peer may split them anywhere.
 */
class StreamFramingTest {

    private static final int[] SIZES = { 0, 1, 4095, 4096, 4097, 65_535, 65_536, 65_537, 300_000, 1024 * 1024 };

    private static HttpTransport transport;
    private static Listener echo;

    @BeforeAll
    static void listen() {
        transport = new HttpTransport(new HttpSettings(2 * 1024 * 1024, 30_000, 5_000, 32, 8, 16));
        // Echoes every message of the caller (the opening one too) until the caller ends its side.
        echo = transport.listen("127.0.0.1:0", request -> request, (request, stream) -> {
            stream.send(bytes(request.body()));
            for (Message next; (next = stream.receive(Duration.ofSeconds(20))) != null;) {
                stream.send(bytes(next.body()));
            }
        });
    }

    @AfterAll
    static void close() {
        transport.close();
    }

    private static Message bytes(byte[] body) {
        return new Message(Map.of(Message.CONTENT_TYPE, "application/octet-stream", Message.SERVICE, "greeter",
                Message.ENDPOINT, "Say.Stream"), body);
    }

    private static byte[] random(int size, long seed) {
        byte[] body = new byte[size];
        new Random(seed).nextBytes(body);
        return body;
    }

    @Test
    void messagesFromZeroBytesToOneMebibyteTravelBothWaysIntact() {
        Stream stream = transport.stream(echo.address(), bytes(random(10, 0)), Duration.ofSeconds(10));
        assertArrayEquals(random(10, 0), stream.receive(Duration.ofSeconds(20)).body());
        for (int size : SIZES) {
            byte[] body = random(size, size);
            stream.send(bytes(body));
            assertArrayEquals(body, stream.receive(Duration.ofSeconds(20)).body(), size + " bytes");
        }
        stream.close();
        assertNull(stream.receive(Duration.ofSeconds(20)));
    }

    @Test
    void aLargeOpeningMessageReachesTheHandlerWhole() {
        byte[] json = ("{\"name\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Stream stream = transport.stream(echo.address(), bytes(json), Duration.ofSeconds(10));
        assertArrayEquals(json, stream.receive(Duration.ofSeconds(20)).body());
        stream.close();
    }

    @Test
    void manyLargeMessagesInARowArriveInOrderAndUncut() {
        Stream stream = transport.stream(echo.address(), bytes(new byte[0]), Duration.ofSeconds(10));
        stream.receive(Duration.ofSeconds(20));
        // A reader thread so that both directions stay busy at once, as in a real bidirectional stream.
        CompletableFuture<List<byte[]>> received = CompletableFuture.supplyAsync(() -> {
            List<byte[]> all = new ArrayList<>();
            for (Message next; (next = stream.receive(Duration.ofSeconds(20))) != null;) {
                all.add(next.body());
            }
            return all;
        });
        for (int i = 0; i < 200; i++) {
            stream.send(bytes(random(20_000 + i, i)));
        }
        stream.close();
        List<byte[]> all = received.join();
        assertEquals(200, all.size());
        for (int i = 0; i < 200; i++) {
            assertArrayEquals(random(20_000 + i, i), all.get(i), "message " + i);
        }
    }

    @Test
    void aMessageSplitIntoManySmallFramesIsJoined() throws Exception {
        CompletableFuture<byte[]> seen = new CompletableFuture<>();
        Listener listener = transport.listen("127.0.0.1:0", request -> request, (request, stream) -> seen.complete(request.body()));
        byte[] body = random(10_000, 7);
        byte[] whole = new byte[body.length + 1];
        whole[0] = 'M';
        System.arraycopy(body, 0, whole, 1, body.length);
        try (RawWebSocket peer = new RawWebSocket(listener.address())) {
            for (int offset = 0; offset < whole.length; offset += 7) {
                byte[] part = java.util.Arrays.copyOfRange(whole, offset, Math.min(whole.length, offset + 7));
                boolean last = offset + 7 >= whole.length;
                peer.sendAndWait(RawWebSocket.fragment(part, offset == 0 ? OpCode.BINARY : OpCode.CONTINUATION, last));
            }
            assertArrayEquals(body, seen.get(20, TimeUnit.SECONDS));
        } finally {
            listener.close();
        }
    }
}
