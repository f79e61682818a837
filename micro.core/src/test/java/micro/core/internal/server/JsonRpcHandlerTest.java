package micro.core.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import micro.api.transport.Message;
import micro.core.internal.codec.Codecs;
import micro.core.internal.codec.JsonCodec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** go-micro's JSON-RPC envelope in front of the dispatcher: what a go-micro v1 client sends and reads. */
class JsonRpcHandlerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RequestDispatcher dispatcher;
    private JsonRpcHandler handler;

    @BeforeEach
    void setUp() {
        Codecs codecs = new Codecs();
        codecs.add(new JsonCodec());
        dispatcher = new RequestDispatcher(codecs, java.time.Duration.ZERO);
        serve("greeter", "Say", new RequestDispatcherTest.Say());
        handler = new JsonRpcHandler(dispatcher, dispatcher::servicesWithEndpoint);
    }

    private void serve(String service, String handlerName, Object handlerObject) {
        ServedService served = new ServedService(service, "latest", new DebugHandler(System.currentTimeMillis()));
        served.addHandler(handlerName, handlerObject);
        dispatcher.services().put(service, served);
    }

    private Message send(String service, String envelope) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json-rpc; charset=utf-8");
        if (service != null) {
            headers.put(Message.SERVICE, service);
        }
        return handler.handle(new Message(headers, envelope.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode body(Message reply) throws Exception {
        assertEquals("application/json-rpc", reply.header(Message.CONTENT_TYPE));
        return MAPPER.readTree(reply.body());
    }

    @Test
    void answersACallInTheEnvelopeWithItsId() throws Exception {
        JsonNode reply = body(send("greeter", "{\"method\":\"Say.Hello\",\"params\":[{\"name\":\"John\"}],\"id\":7}"));
        assertEquals(7, reply.get("id").asInt());
        assertEquals("Hello John", reply.get("result").get("msg").asText());
        assertTrue(reply.get("error").isNull(), reply.toString());
    }

    @Test
    void findsTheServiceFromTheMethodWhenOnlyOneHasIt() throws Exception {
        JsonNode reply = body(send(null, "{\"method\":\"Say.Hello\",\"params\":[{\"name\":\"Ann\"}],\"id\":\"a\"}"));
        assertEquals("a", reply.get("id").asText());
        assertEquals("Hello Ann", reply.get("result").get("msg").asText());
    }

    @Test
    void aMethodOfSeveralServicesNeedsTheServiceHeader() throws Exception {
        serve("greeter.v2", "Say", new RequestDispatcherTest.Say());
        Message reply = send(null, "{\"method\":\"Say.Hello\",\"params\":[{\"name\":\"Ann\"}],\"id\":1}");
        JsonNode error = MAPPER.readTree(body(reply).get("error").asText());
        assertEquals(400, error.get("code").asInt());
        assertTrue(error.get("detail").asText().contains("greeter, greeter.v2"), error.toString());
        assertTrue(error.get("detail").asText().contains(Message.SERVICE), error.toString());
        assertEquals(body(reply).get("error").asText(), reply.header(Message.ERROR));
    }

    @Test
    void aFailedCallIsAnErrorInTheEnvelopeAsGoMicroPrintsIt() throws Exception {
        JsonNode reply = body(send("greeter", "{\"method\":\"Say.Refuse\",\"params\":[{}],\"id\":3}"));
        assertEquals(3, reply.get("id").asInt());
        assertTrue(reply.get("result").isNull());
        JsonNode error = MAPPER.readTree(reply.get("error").asText());
        assertEquals("greeter", error.get("id").asText());
        assertEquals(400, error.get("code").asInt());
        assertEquals("name is required", error.get("detail").asText());
        assertEquals("Bad Request", error.get("status").asText());
    }

    @Test
    void malformedEnvelopesAreExplained() throws Exception {
        assertEquals(400, errorCode(send("greeter", "not json")));
        assertEquals(400, errorCode(send("greeter", "[1,2]")));
        assertEquals(400, errorCode(send("greeter", "{\"params\":[{}],\"id\":1}")));
        assertEquals(400, errorCode(send("greeter", "{\"method\":\"Say.Hello\",\"params\":[{},{}],\"id\":1}")));
        assertEquals(404, errorCode(send("greeter", "{\"method\":\"Say.Nothing\",\"params\":[{}],\"id\":1}")));
        assertEquals(404, errorCode(send(null, "{\"method\":\"Nobody.Has\",\"params\":[{}],\"id\":1}")));
    }

    @Test
    void anEmptyParamsListIsAnEmptyRequest() throws Exception {
        JsonNode reply = body(send("greeter", "{\"method\":\"Debug.Health\",\"params\":[],\"id\":0}"));
        assertEquals("ok", reply.get("result").get("status").asText(), reply.toString());
    }

    @Test
    void otherContentTypesPassThrough() {
        Message reply = handler.handle(new Message(Map.of(Message.SERVICE, "greeter", Message.ENDPOINT, "Say.Hello",
                Message.CONTENT_TYPE, "application/json"), "{\"name\":\"Bo\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("{\"msg\":\"Hello Bo\"}", new String(reply.body(), StandardCharsets.UTF_8));
        assertNull(reply.header(Message.ERROR));
    }

    private static int errorCode(Message reply) throws Exception {
        return MAPPER.readTree(body(reply).get("error").asText()).get("code").asInt();
    }
}
