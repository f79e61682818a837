package micro.core.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.client.RemoteService;
import micro.api.client.RetryPolicy;
import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.api.transport.Message;
import micro.core.internal.codec.JsonCodec;
import micro.core.internal.local.LocalNodes;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.selector.CachingSelector;
import micro.core.internal.testing.RecordingTransport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** client.proxy(Interface.class): each method an endpoint, over the memory transport. */
class TypedClientTest {

    public record Hello(String name) {
    }

    public record Reply(String msg) {
    }

    @RemoteService(value = "greeter", handler = "Say")
    public interface Greeter {
        Reply hello(Hello request);

        CompletionStage<Reply> helloLater(Hello request);

        List<Reply> all();

        void forget(Hello request);

        default Reply helloJohn() {
            return hello(new Hello("John"));
        }
    }

    public interface Unnamed {
        Reply hello(Hello request);
    }

    @RemoteService("greeter")
    public interface TwoArguments {
        Reply hello(Hello first, Hello second);
    }

    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofMillis(20));
    private final RecordingTransport transport = new RecordingTransport();
    private final JsonCodec codec = new JsonCodec();
    private final CachingSelector selector = new CachingSelector("roundrobin", Duration.ofSeconds(30));
    private final List<String> served = new CopyOnWriteArrayList<>();
    private DefaultClient client;

    @BeforeEach
    void setUp() {
        selector.setRegistry(registry, Map.of());
        client = new DefaultClient(new ClientSettings(Duration.ofSeconds(5), 0, Duration.ofMillis(10), "application/json",
                RetryPolicy.Named.NEVER), selector, new LocalNodes());
        client.addTransport(transport);
        client.addCodec(codec);
        transport.listen("greeter:1", request -> {
            String endpoint = request.header(Message.ENDPOINT);
            String body = new String(request.body(), StandardCharsets.UTF_8);
            served.add(endpoint + " " + body);
            if (body.contains("nobody")) {
                throw MicroException.badRequest("greeter", "nobody is not a name");
            }
            Object reply = endpoint.equals("Say.All") ? List.of(new Reply("a"), new Reply("b")) : new Reply(endpoint + " " + body);
            return new Message(Map.of(Message.CONTENT_TYPE, "application/json"), codec.encode(reply));
        });
        registry.register(new Service("greeter", "1.0", Map.of(), List.of(),
                List.of(new Node("greeter-1", "greeter:1", Map.of("transport", "memory")))), Duration.ZERO);
    }

    @AfterEach
    void tearDown() {
        selector.deactivate();
        registry.close();
    }

    @Test
    void eachMethodCallsTheEndpointOfItsName() throws Exception {
        Greeter greeter = client.proxy(Greeter.class);
        assertEquals(new Reply("Say.Hello {\"name\":\"Ann\"}"), greeter.hello(new Hello("Ann")));
        assertEquals(new Reply("Say.HelloLater {\"name\":\"Bo\"}"),
                greeter.helloLater(new Hello("Bo")).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(List.of(new Reply("a"), new Reply("b")), greeter.all(), "generic replies decode by the method's type");
        greeter.forget(new Hello("Cy"));
        assertEquals(new Reply("Say.Hello {\"name\":\"John\"}"), greeter.helloJohn(), "default methods run as written");
        assertEquals(List.of("Say.Hello {\"name\":\"Ann\"}", "Say.HelloLater {\"name\":\"Bo\"}", "Say.All {}",
                "Say.Forget {\"name\":\"Cy\"}", "Say.Hello {\"name\":\"John\"}"), served);
        assertTrue(greeter.toString().contains("greeter"), greeter.toString());
    }

    @Test
    void failuresAreTheServicesMicroExceptions() {
        Greeter greeter = client.proxy(Greeter.class);
        MicroException refused = assertThrows(MicroException.class, () -> greeter.hello(new Hello("nobody")));
        assertEquals(400, refused.code());
        assertEquals("nobody is not a name", refused.detail());
        Greeter elsewhere = client.proxy(Greeter.class, "nosuch", CallOptions.defaults());
        assertEquals(404, assertThrows(MicroException.class, () -> elsewhere.hello(new Hello("x"))).code());
    }

    @Test
    void anInterfaceThatCannotBeAClientIsRefusedWhenTheProxyIsMade() {
        IllegalArgumentException unnamed = assertThrows(IllegalArgumentException.class, () -> client.proxy(Unnamed.class));
        assertTrue(unnamed.getMessage().contains("@RemoteService"), unnamed.getMessage());
        assertEquals(new Reply("Unnamed.Hello {\"name\":\"x\"}"), client.proxy(Unnamed.class, "greeter", null).hello(new Hello("x")),
                "without a handler name the interface's is used");
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> client.proxy(TwoArguments.class));
        assertTrue(two.getMessage().contains("2 parameters"), two.getMessage());
    }
}
