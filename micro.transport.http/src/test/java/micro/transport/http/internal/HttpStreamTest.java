package micro.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import micro.api.MicroException;
import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.Stream;
import micro.api.transport.TransportException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams over WebSocket on the listener's port, next to unary calls. */
class HttpStreamTest {

    private final HttpTransport transport = new HttpTransport(new HttpSettings(2 * 1024 * 1024, 30_000, 5_000, 32, 8, 4));

    @AfterEach
    void close() {
        transport.close();
    }

    private static Message text(String text) {
        return new Message(Map.of(Message.CONTENT_TYPE, "application/json", Message.SERVICE, "greeter",
                Message.ENDPOINT, "Say.Stream"), text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Message message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aServerStreamOfTenThousandMessagesArrivesCompleteAndInOrder() {
        Listener listener = transport.listen("127.0.0.1:0", request -> request, (request, stream) -> {
            int count = Integer.parseInt(text(request));
            for (int i = 0; i < count; i++) {
                stream.send(text(String.valueOf(i)));
            }
        });
        Stream stream = transport.stream(listener.address(), text("10000"), Duration.ofSeconds(10));
        for (int i = 0; i < 10_000; i++) {
            assertEquals(String.valueOf(i), text(stream.receive(Duration.ofSeconds(10))));
        }
        assertNull(stream.receive(Duration.ofSeconds(10)), "the end of the stream");
        stream.close();
    }

    @Test
    void bothSidesTalkUntilTheClientCloses() {
        Listener listener = transport.listen("127.0.0.1:0", request -> request, (request, stream) -> {
            assertEquals("greeter", request.header(Message.SERVICE));
            stream.send(text("hello " + text(request)));
            for (Message next; (next = stream.receive(Duration.ofSeconds(10))) != null;) {
                stream.send(text(text(next).toUpperCase()));
            }
        });
        Stream stream = transport.stream(listener.address(), text("John"), Duration.ofSeconds(10));
        assertEquals("hello John", text(stream.receive(Duration.ofSeconds(10))));
        stream.send(text("one"));
        assertEquals("ONE", text(stream.receive(Duration.ofSeconds(10))));
        stream.send(text("two"));
        assertEquals("TWO", text(stream.receive(Duration.ofSeconds(10))));
        stream.close();
        assertNull(stream.receive(Duration.ofSeconds(10)));
    }

    @Test
    void anErrorOfTheHandlerReachesTheCaller() {
        Listener listener = transport.listen("127.0.0.1:0", request -> request, (request, stream) -> {
            stream.send(text("first"));
            throw MicroException.badRequest("greeter", "no more");
        });
        Stream stream = transport.stream(listener.address(), text("x"), Duration.ofSeconds(10));
        assertEquals("first", text(stream.receive(Duration.ofSeconds(10))));
        MicroException error = assertThrows(MicroException.class, () -> stream.receive(Duration.ofSeconds(10)));
        assertEquals(400, error.code());
        assertEquals("no more", error.detail());
    }

    @Test
    void anErrorRightAfterTheCallerEndedItsSideStillArrives() {
        Listener listener = transport.listen("127.0.0.1:0", request -> request, (request, stream) -> {
            assertNull(stream.receive(Duration.ofSeconds(10)), "the caller ended its side first");
            throw MicroException.badRequest("greeter", "refused after the end");
        });
        for (int i = 0; i < 20; i++) {
            Stream stream = transport.stream(listener.address(), text("x"), Duration.ofSeconds(10));
            stream.close();
            MicroException error = assertThrows(MicroException.class, () -> stream.receive(Duration.ofSeconds(10)));
            assertEquals("refused after the end", error.detail());
        }
    }

    @Test
    void unaryCallsStillWorkOnAStreamingListenerAndDeadNodesAreTransportErrors() throws Exception {
        Listener listener = transport.listen("127.0.0.1:0", request -> text("unary"), (request, stream) -> {
        });
        assertEquals("unary", text(transport.call(listener.address(), text("x"), Duration.ofSeconds(5)).get()));
        String address = listener.address();
        listener.close();
        assertThrows(TransportException.class, () -> transport.stream(address, text("x"), Duration.ofSeconds(5)));
    }
}
