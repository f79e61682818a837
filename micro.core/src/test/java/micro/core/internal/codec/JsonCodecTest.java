package micro.core.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import micro.api.MicroException;
import micro.api.registry.Endpoint;
import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.api.registry.Value;

import org.junit.jupiter.api.Test;

class JsonCodecTest {

    record Hello(String name, int times, List<String> tags) {
    }

    private final JsonCodec codec = new JsonCodec();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsARecord() {
        Hello hello = new Hello("John", 3, List.of("a", "b"));
        assertEquals(hello, codec.decode(codec.encode(hello), Hello.class));
    }

    @Test
    void writesTheRegistryModelWithGoMicroFieldNames() {
        Service service = new Service("greeter", "1.0", Map.of(), List.of(new Endpoint("Say.Hello",
                new Value("Request", "Request", List.of(Value.of("name", "string"))), null, Map.of())),
                List.of(new Node("greeter-1", "127.0.0.1:9", Map.of("transport", "http"))));
        String json = new String(codec.encode(service), StandardCharsets.UTF_8);
        assertEquals("{\"name\":\"greeter\",\"version\":\"1.0\",\"metadata\":{},\"endpoints\":[{\"name\":\"Say.Hello\","
                + "\"request\":{\"name\":\"Request\",\"type\":\"Request\",\"values\":[{\"name\":\"name\",\"type\":\"string\","
                + "\"values\":[]}]},\"response\":null,\"metadata\":{}}],\"nodes\":[{\"id\":\"greeter-1\","
                + "\"address\":\"127.0.0.1:9\",\"metadata\":{\"transport\":\"http\"}}]}", json);
        assertEquals(service, codec.decode(utf8(json), Service.class));
    }

    @Test
    void ignoresUnknownFieldsAndTreatsAnEmptyBodyAsAnEmptyObject() {
        assertEquals(new Hello("Ann", 0, null), codec.decode(utf8("{\"name\":\"Ann\",\"extra\":1}"), Hello.class));
        assertEquals(new Hello(null, 0, null), codec.decode(new byte[0], Hello.class));
    }

    @Test
    void malformedJsonIsABadRequestWithTheParserMessage() {
        MicroException error = assertThrows(MicroException.class, () -> codec.decode(utf8("{\"name\": "), Hello.class));
        assertEquals(400, error.code());
        assertTrue(error.detail().startsWith("malformed JSON: "), error.detail());
        assertTrue(error.detail().contains("line 1"), error.detail());
    }

    @Test
    void aWrongTypeIsABadRequestNamingTheField() {
        MicroException error = assertThrows(MicroException.class,
                () -> codec.decode(utf8("{\"times\":\"many\"}"), Hello.class));
        assertEquals(400, error.code());
        assertTrue(error.detail().contains("many"), error.detail());
    }

    @Test
    void aNumberForAStringTrailingGarbageAndNullAreBadRequests() {
        for (String json : new String[] { "{\"name\":5}", "{\"name\":true}", "{\"name\":\"x\"} trailing", "{} {}", "null" }) {
            MicroException error = assertThrows(MicroException.class, () -> codec.decode(json.getBytes(), Hello.class), json);
            assertEquals(400, error.code(), json);
        }
        Hello hello = codec.decode("{\"name\":\"x\"}  \n".getBytes(), Hello.class);
        assertEquals("x", hello.name(), "trailing blanks are fine");
    }
}
