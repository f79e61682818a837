package micro.codec.protobuf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.transport.Listener;
import micro.core.internal.client.DefaultClient;
import micro.core.internal.codec.JsonCodec;
import micro.core.internal.local.LocalNodes;
import micro.core.internal.registry.MemoryRegistry;
import micro.core.internal.selector.CachingSelector;
import micro.core.internal.server.ServedHandlers;
import micro.core.internal.testing.Configs;
import micro.transport.http.internal.HttpTransport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The protobuf codec end to end: the client encodes, the HTTP transport carries, the node decodes,
 * serves and answers in protobuf, while JSON calls to the same node go on beside. The messages are
 * protobuf's own generated well-known types ({@code StringValue}, {@code Int64Value}).
 */
class ProtobufOverHttpTest {

    /** A handler of generated message types, as a service author writes one. */
    public static final class Say {
        public StringValue hello(StringValue name) {
            return StringValue.of("Hello " + name.getValue());
        }

        public Int64Value length(StringValue text) {
            return Int64Value.of(text.getValue().length());
        }

        public Map<String, String> plain(Map<String, String> request) {
            return Map.of("msg", "plain " + request.get("name"));
        }
    }

    private static HttpTransport transport;
    private static Listener listener;
    private static MemoryRegistry registry;
    private static CachingSelector selector;
    private static DefaultClient client;

    @BeforeAll
    static void serve() {
        transport = new HttpTransport(Configs.of(HttpTransport.Config.class, Map.of()));
        listener = transport.listen("127.0.0.1:0",
                ServedHandlers.of(List.of(new JsonCodec(), new ProtobufCodec()), "greeter", "Say", new Say()));
        registry = new MemoryRegistry(Duration.ofMillis(20));
        selector = new CachingSelector("roundrobin", Duration.ofSeconds(30));
        selector.setRegistry(registry, Map.of());
        client = new DefaultClient(Configs.of(DefaultClient.Config.class, Map.of("retries", 0)), selector, new LocalNodes());
        client.addTransport(transport);
        client.addCodec(new JsonCodec());
        client.addCodec(new ProtobufCodec());
    }

    @AfterAll
    static void stop() {
        listener.close();
        selector.deactivate();
        registry.close();
        transport.close();
    }

    private static CallOptions protobuf() {
        return CallOptions.defaults().withAddress(listener.address()).withContentType(ProtobufCodec.CONTENT_TYPE);
    }

    @Test
    void aCallInProtobufIsAnsweredInProtobuf() {
        StringValue reply = client.call("greeter", "Say.Hello", StringValue.of("John"), StringValue.class, protobuf());
        assertEquals("Hello John", reply.getValue());
        Int64Value length = client.call("greeter", "Say.Length", StringValue.of("four"), Int64Value.class, protobuf());
        assertEquals(4L, length.getValue());
    }

    @Test
    void theWireFormIsProtobufBinary() throws Exception {
        HttpResponse<byte[]> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + listener.address() + "/"))
                .header("Content-Type", "application/protobuf").header("Micro-Service", "greeter").header("Micro-Endpoint", "Say.Hello")
                .POST(HttpRequest.BodyPublishers.ofByteArray(StringValue.of("Ann").toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, reply.statusCode());
        assertEquals("application/protobuf", reply.headers().firstValue("Content-Type").orElse(""));
        assertEquals("Hello Ann", StringValue.parseFrom(reply.body()).getValue());
    }

    @Test
    void jsonCallsToTheSameNodeGoOnBeside() {
        @SuppressWarnings("unchecked")
        Map<String, String> plain = client.call("greeter", "Say.Plain", Map.of("name", "x"), Map.class,
                CallOptions.defaults().withAddress(listener.address()));
        assertEquals("plain x", plain.get("msg"));
    }

    @Test
    void anEndpointOfPlainTypesRefusesProtobufWithA415SayingToSendJson() {
        MicroException refused = assertThrows(MicroException.class,
                () -> client.call("greeter", "Say.Plain", StringValue.of("x"), StringValue.class, protobuf()));
        assertEquals(415, refused.code());
        assertTrue(refused.detail().contains("application/json"), refused.detail());
    }

    @Test
    void aMalformedProtobufBodyIsA400() throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + listener.address() + "/"))
                .header("Content-Type", "application/protobuf").header("Micro-Service", "greeter").header("Micro-Endpoint", "Say.Hello")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 0x0a, 0x7f, 'x' })).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, reply.statusCode(), reply.body());
        assertTrue(reply.body().contains("malformed StringValue in protobuf"), reply.body());
    }
}
