package micro.core.internal.testing;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.client.Client;
import micro.api.selector.ServiceNotFoundException;
import micro.api.transport.Message;
import micro.api.transport.Stream;

/**
 * The one fake {@link Client} of the tests: each service answers as its script says, every call is
 * recorded, and a service without a script is unknown (404), as the real client would say. Only
 * {@link #invoke} is scripted: the edges (gateway, shell) call through it.
 */
public final class ScriptedClient implements Client {

    /** One call as the client received it. */
    public record Call(String service, String endpoint, Message request, CallOptions options) {
        public String body() {
            return new String(request.body(), StandardCharsets.UTF_8);
        }
    }

    /** How a service answers a call. */
    @FunctionalInterface
    public interface Script {
        CompletableFuture<Message> answer(Call call);
    }

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private volatile Script otherwise = call -> CompletableFuture.failedFuture(new ServiceNotFoundException(call.service()));

    /** {@code service} answers as {@code script} says. */
    public ScriptedClient on(String service, Script script) {
        scripts.put(service, script);
        return this;
    }

    /** Services without a script of their own answer as {@code script} says. */
    public ScriptedClient otherwise(Script script) {
        otherwise = script;
        return this;
    }

    /** A reply with this JSON body. */
    public static CompletableFuture<Message> reply(String json) {
        return CompletableFuture.completedFuture(new Message(Map.of(Message.CONTENT_TYPE, "application/json"),
                json.getBytes(StandardCharsets.UTF_8)));
    }

    /** A failed call. */
    public static CompletableFuture<Message> failure(MicroException error) {
        return CompletableFuture.failedFuture(error);
    }

    @Override
    public CompletableFuture<Message> invoke(String service, String endpoint, Message request, CallOptions options) {
        Call call = new Call(service, endpoint, request, options == null ? CallOptions.defaults() : options);
        calls.add(call);
        return scripts.getOrDefault(service, otherwise).answer(call);
    }

    @Override
    public <T> CompletableFuture<T> callAsync(String service, String endpoint, Object request, Type type, CallOptions options) {
        throw new UnsupportedOperationException("not scripted: typed calls; script invoke()");
    }

    @Override
    public Stream stream(String service, String endpoint, Message request, CallOptions options) {
        throw new UnsupportedOperationException("not scripted: streams");
    }

    @Override
    public void publish(String topic, Object message) {
        throw new UnsupportedOperationException("not scripted: publish");
    }
}
