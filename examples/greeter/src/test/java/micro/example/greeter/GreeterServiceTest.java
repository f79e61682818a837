package micro.example.greeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import micro.api.MicroException;

import org.junit.jupiter.api.Test;

class GreeterServiceTest {

    private final GreeterService greeter = new GreeterService();

    @Test
    void greetsByName() {
        assertEquals(new HelloResponse("Hello John"), greeter.hello(new HelloRequest("John")));
    }

    @Test
    void aMissingNameIsABadRequest() {
        assertEquals(400, assertThrows(MicroException.class, () -> greeter.hello(new HelloRequest(" "))).code());
    }

    @Test
    void theHttpHandlerReadsTheQueryAndAnswersJson() {
        GreeterHttpApi http = new GreeterHttpApi();
        var ok = http.hello(new micro.api.gateway.ApiRequest("GET", "/greeter/http/hello", null,
                java.util.Map.of("name", new micro.api.gateway.Pair("name", java.util.List.of("John"))), null, null, null));
        assertEquals(200, ok.statusCode());
        assertEquals("{\"msg\":\"Hello John\"}", ok.body());
        assertEquals(400, http.hello(new micro.api.gateway.ApiRequest("GET", "/", null, null, null, null, null)).statusCode());
    }
}
