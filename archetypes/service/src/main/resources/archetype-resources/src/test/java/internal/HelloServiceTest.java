package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import micro.api.MicroException;

import org.junit.jupiter.api.Test;

class HelloServiceTest {

    @Test
    void greetsByName() {
        assertEquals(new HelloReply("Hello Alice"), new HelloService("Hello").say(new HelloRequest("Alice")));
    }

    @Test
    void aMissingNameIsTheCallersError() {
        MicroException error = assertThrows(MicroException.class, () -> new HelloService("Hello").say(new HelloRequest(" ")));
        assertEquals(400, error.code());
    }

    @Test
    void aBlankGreetingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HelloService(" "));
    }
}
