package micro.gateway.internal;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.MicroException;
import micro.api.broker.Broker;
import micro.api.broker.BrokerHandler;
import micro.api.broker.Subscription;
import micro.api.client.CallOptions;
import micro.api.client.Client;
import micro.api.selector.NoneAvailableException;
import micro.api.selector.ServiceNotFoundException;
import micro.api.transport.Message;
import micro.api.transport.TransportException;

/** Services behind the gateway, scripted by name, so each gateway behaviour can be provoked. */
final class FakeUpstreams {

    record Call(String service, String endpoint, Message request) {
        String body() {
            return new String(request.body(), StandardCharsets.UTF_8);
        }
    }

    /** micro.api.greeter answers Say.Hello and Http.Hello; other names fail the way their name says. */
    static final class ScriptedClient implements Client {
        final List<Call> calls = new CopyOnWriteArrayList<>();

        @Override
        public <T> CompletableFuture<T> callAsync(String service, String endpoint, Object request, Type type, CallOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public micro.api.transport.Stream stream(String service, String endpoint, Message request, CallOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void publish(String topic, Object message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Message> invoke(String service, String endpoint, Message request, CallOptions options) {
            calls.add(new Call(service, endpoint, request));
            return switch (service) {
                case "micro.api.greeter", "micro.srv.greeter" -> greeter(endpoint, request);
                case "micro.api.slow" -> CompletableFuture.failedFuture(new MicroException("micro.client", 408, "timed out"));
                case "micro.api.empty" -> CompletableFuture.failedFuture(new NoneAvailableException(service));
                case "micro.api.down" -> CompletableFuture.failedFuture(new TransportException("127.0.0.1:1", "refused", null));
                case "micro.api.broken" -> CompletableFuture.failedFuture(MicroException.internal(service, "handler failed"));
                // A service whose own backend is not registered: the selector's 404 names the backend.
                case "micro.api.frontend" -> CompletableFuture.failedFuture(new ServiceNotFoundException("micro.srv.backend"));
                default -> CompletableFuture.failedFuture(new ServiceNotFoundException(service));
            };
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
                return CompletableFuture.failedFuture(MicroException.notFound("micro.api.greeter", "unknown endpoint " + endpoint));
            }
            return CompletableFuture.completedFuture(new Message(Map.of(), reply.getBytes(StandardCharsets.UTF_8)));
        }
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
