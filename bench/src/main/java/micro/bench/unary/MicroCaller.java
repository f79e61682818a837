package micro.bench.unary;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.bench.Configs;
import micro.bench.Payload;
import micro.core.internal.client.DefaultClient;
import micro.core.internal.codec.JsonCodec;
import micro.core.internal.local.LocalNodes;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.selector.CachingSelector;
import micro.api.transport.Transport;
import micro.transport.http.internal.HttpTransport;
import micro.transport.nats.internal.NatsTransport;

/**
 * micro's client as the host wires it (default client, caching selector, memory registry, the HTTP
 * or the NATS transport, JSON codec, all on their default configuration), calling
 * {@code micro.srv.greeter Say.Hello} by name on the greeter node of a running micro.jar.
 */
final class MicroCaller implements Caller {

    private static final Hello REQUEST = new Hello(Payload.NAME);
    private static final String EXPECTED = Payload.greeting(Payload.NAME);

    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofSeconds(1));
    private final CachingSelector selector = new CachingSelector(Configs.of(CachingSelector.Config.class, Map.of()));
    private final Transport transport;
    private final Runnable closeTransport;
    private final DefaultClient client;

    /** The greeter node listening on {@code port} over HTTP. */
    static MicroCaller overHttp(int port) {
        HttpTransport http = new HttpTransport(Configs.of(HttpTransport.Config.class, Map.of()));
        return new MicroCaller("127.0.0.1:" + port, http, http::close);
    }

    /** The greeter node listening on NATS subject {@code subject} of the NATS server at {@code nats}. */
    static MicroCaller overNats(String nats, String subject) {
        NatsTransport transport = new NatsTransport(Configs.of(NatsTransport.Config.class, Map.of("address", nats)));
        return new MicroCaller(subject, transport, () -> {
            try {
                transport.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private MicroCaller(String address, Transport transport, Runnable closeTransport) {
        this.transport = transport;
        this.closeTransport = closeTransport;
        registry.register(new Service("micro.srv.greeter", "latest", Map.of(), List.of(),
                List.of(new Node("micro.srv.greeter-bench", address, Map.of(Node.TRANSPORT, transport.name())))), null);
        selector.setRegistry(registry, Map.of());
        client = new DefaultClient(Configs.of(DefaultClient.Config.class, Map.of()), selector, new LocalNodes());
        client.addTransport(transport);
        client.addCodec(new JsonCodec());
    }

    @Override
    public void call() {
        Greeting greeting = client.call("micro.srv.greeter", "Say.Hello", REQUEST, Greeting.class);
        if (!EXPECTED.equals(greeting.msg())) {
            throw new IllegalStateException("wrong reply");
        }
    }

    /** Opens {@code Say.Stream} for {@code count} greetings and reads them to the end; how many came. */
    long streamGreetings(int count) {
        micro.api.transport.Message opening = new micro.api.transport.Message(Map.of(micro.api.transport.Message.CONTENT_TYPE,
                "application/json"), ("{\"name\":\"s\",\"count\":" + count + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (micro.api.transport.Stream stream = client.stream("micro.srv.greeter", "Say.Stream", opening,
                micro.api.client.CallOptions.defaults())) {
            long received = 0;
            for (micro.api.transport.Message m = stream.receive(Duration.ofSeconds(10)); m != null; m = stream.receive(Duration.ofSeconds(10))) {
                received++;
            }
            return received;
        }
    }

    /** One {@code Say.Hello} with the stream's small name, as a unary loop to compare a stream with. */
    void smallCall() {
        client.call("micro.srv.greeter", "Say.Hello", new Hello("s"), Greeting.class);
    }

    @Override
    public void close() {
        closeTransport.run();
        selector.deactivate();
        registry.close();
    }
}
