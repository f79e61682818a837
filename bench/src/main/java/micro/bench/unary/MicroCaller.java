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
import micro.transport.http.internal.HttpTransport;

/**
 * micro's client as the host wires it (default client, caching selector, memory registry, HTTP
 * transport, JSON codec, all on their default configuration), calling {@code micro.srv.greeter Say.Hello}
 * by name on the greeter node of a running micro.jar.
 */
final class MicroCaller implements Caller {

    private static final Hello REQUEST = new Hello(Payload.NAME);
    private static final String EXPECTED = Payload.greeting(Payload.NAME);

    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofSeconds(1));
    private final CachingSelector selector = new CachingSelector(Configs.of(CachingSelector.Config.class, Map.of()));
    private final HttpTransport transport = new HttpTransport(Configs.of(HttpTransport.Config.class, Map.of()));
    private final DefaultClient client;

    MicroCaller(int port) {
        registry.register(new Service("micro.srv.greeter", "latest", Map.of(), List.of(),
                List.of(new Node("micro.srv.greeter-bench", "127.0.0.1:" + port, Map.of(Node.TRANSPORT, "http")))), null);
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

    @Override
    public void close() {
        transport.close();
        selector.deactivate();
        registry.close();
    }
}
