package micro.gateway.internal;

import static micro.core.internal.testing.ScriptedClient.failure;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.MicroException;
import micro.api.broker.Broker;
import micro.api.broker.BrokerHandler;
import micro.api.broker.Subscription;
import micro.api.selector.NoneAvailableException;
import micro.api.selector.ServiceNotFoundException;
import micro.api.transport.Message;
import micro.api.transport.TransportException;
import micro.core.internal.testing.ScriptedClient;

/** Services behind the gateway, scripted by name, so each gateway behaviour can be provoked. */
final class FakeUpstreams {

    /** micro.api.greeter answers Say.Hello and Http.Hello; other names fail the way their name says. */
    static ScriptedClient client() {
        ScriptedClient.Script greeter = call -> greeter(call.endpoint(), call.request());
        return new ScriptedClient()
                .on("micro.api.greeter", greeter)
                .on("micro.srv.greeter", greeter)
                .on("micro.api.slow", call -> failure(new MicroException("micro.client", 408, "timed out")))
                .on("micro.api.empty", call -> failure(new NoneAvailableException(call.service())))
                .on("micro.api.down", call -> failure(new TransportException("127.0.0.1:1", "refused", null)))
                .on("micro.api.broken", call -> failure(MicroException.internal(call.service(), "handler failed")))
                // A service whose own backend is not registered: the selector's 404 names the backend.
                .on("micro.api.frontend", call -> failure(new ServiceNotFoundException("micro.srv.backend")));
    }

    private static CompletableFuture<Message> greeter(String endpoint, Message request) {
        String body = new String(request.body(), StandardCharsets.UTF_8);
        String reply = switch (endpoint) {
            case "Say.Hello" -> "{\"msg\":\"Hello from " + body.replace("\"", "'") + "\"}";
            case "Http.Hello" -> "{\"statusCode\":201,\"header\":{\"X-Greeter\":{\"key\":\"X-Greeter\",\"values\":[\"yes\"]}},"
                    + "\"body\":\"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
            default -> null;
        };
        if (reply == null) {
            return failure(MicroException.notFound("micro.api.greeter", "unknown endpoint " + endpoint));
        }
        return CompletableFuture.completedFuture(new Message(Map.of(), reply.getBytes(StandardCharsets.UTF_8)));
    }

    static final class RecordingBroker implements Broker {
        final List<String> published = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void publish(String topic, Message message) {
            published.add(topic + " " + new String(message.body(), StandardCharsets.UTF_8));
        }

        @Override
        public Subscription subscribe(String topic, BrokerHandler handler, String queue) {
            throw new UnsupportedOperationException();
        }
    }

    private FakeUpstreams() {
    }
}
