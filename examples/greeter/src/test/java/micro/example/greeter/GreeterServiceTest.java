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
}
