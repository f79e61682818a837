package micro.api.wrapper;

import java.util.concurrent.CompletableFuture;

import micro.api.registry.Node;
import micro.api.transport.Message;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Around every attempt of a client call, with the node chosen: go-micro's {@code CallWrapper}.
 * Attempts are asynchronous: a wrapper returns the future of the reply and must not block on it.
 */
@ConsumerType
public interface CallWrapper {

    /** One attempt: the service and endpoint, the node it goes to, and the encoded request. */
    record Attempt(String service, String endpoint, Node node, Message request) {
    }

    /** The rest of the chain, the transport last. */
    @FunctionalInterface
    interface Next {
        CompletableFuture<Message> proceed(Message request);
    }

    /**
     * Makes {@code attempt}: returns {@code next.proceed(request)} (the request may be changed: a
     * header added), or a failed future, or throws a {@link micro.api.MicroException}, to fail the
     * attempt without sending it.
     */
    CompletableFuture<Message> call(Attempt attempt, Next next);
}
