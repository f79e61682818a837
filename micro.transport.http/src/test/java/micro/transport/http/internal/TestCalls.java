package micro.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import micro.api.MicroException;
import micro.api.transport.Message;

/** The messages and waits the transport's tests share. */
final class TestCalls {

    private TestCalls() {
    }

    /** A call of {@code greeter Say.Hello} with a JSON body. */
    static Message json(String body) {
        return new Message(Map.of(Message.SERVICE, "greeter", Message.ENDPOINT, "Say.Hello", Message.CONTENT_TYPE,
                "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    static String text(Message message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    /** The failure the call ends with within 10 s; an AssertionError when it succeeds or does not end. */
    static MicroException failure(CompletableFuture<Message> call) throws InterruptedException {
        try {
            call.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the call succeeded");
        } catch (ExecutionException e) {
            return assertInstanceOf(MicroException.class, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the call did not end", e);
        }
    }
}
