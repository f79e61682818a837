package micro.api.client;

import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;

import micro.api.transport.Message;

import org.osgi.annotation.versioning.ProviderType;

/** Calls services by name; see the package documentation for retries and errors. */
@ProviderType
public interface Client {

    /**
     * Calls {@code endpoint} of {@code service} and decodes the reply. Blocks up to the call's timeout.
     *
     * @throws micro.api.MicroException on any failure, with the code of its cause
     */
    default <T> T call(String service, String endpoint, Object request, Class<T> responseType) {
        return call(service, endpoint, request, responseType, CallOptions.defaults());
    }

    /** As {@link #call(String, String, Object, Class)} with options and a generic response type. */
    default <T> T call(String service, String endpoint, Object request, Type responseType, CallOptions options) {
        return CallOptions.join(callAsync(service, endpoint, request, responseType, options));
    }

    /** Calls without blocking; the future completes with the decoded reply or a MicroException. */
    <T> CompletableFuture<T> callAsync(String service, String endpoint, Object request, Type responseType,
            CallOptions options);

    /**
     * Calls with a body already encoded (its {@code Content-Type} header names the codec) and returns
     * the reply as it came; for tools that relay bytes, like the shell and the gateway.
     */
    CompletableFuture<Message> invoke(String service, String endpoint, Message request, CallOptions options);

    /**
     * A typed client of the service {@code api} names with {@link RemoteService}: each method calls
     * the endpoint of its name ({@code hello} of {@code @RemoteService(value = "S", handler = "Say")}
     * is {@code Say.Hello} of S), synchronously or, when it returns a {@code CompletionStage}, not.
     * Failures are {@link micro.api.MicroException}s, as with {@link #call}.
     *
     * @throws IllegalArgumentException when {@code api} is not an interface, names no service, or has a
     *         method with more than one parameter
     */
    default <T> T proxy(Class<T> api) {
        return proxy(api, null, CallOptions.defaults());
    }

    /** As {@link #proxy(Class)}, calling {@code service} (null: the annotation's) with {@code options}. */
    default <T> T proxy(Class<T> api, String service, CallOptions options) {
        return TypedProxy.create(this, api, service, options);
    }

    /**
     * Publishes {@code message}, encoded with the client's codec, on {@code topic} through the best
     * broker. A topic nobody subscribes to is not an error.
     *
     * @throws micro.api.MicroException 503 when no broker is installed, or the broker's failure
     */
    void publish(String topic, Object message);

    /**
     * Opens a stream to {@code endpoint} of {@code service} with an encoded first message (its
     * {@code Content-Type} header names the codec); the caller receives and sends on it, then closes it.
     *
     * @throws micro.api.MicroException as {@link #invoke} fails, or 501 when the node's transport has no streams
     */
    micro.api.transport.Stream stream(String service, String endpoint, Message request, CallOptions options);
}
