package micro.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void quotesEveryArgumentSoJsonArrivesUnchanged() {
        assertEquals("micro:query 'micro.srv.greeter' 'Say.Hello' '{\"name\": \"John\"}'",
                CommandLine.toGogo(List.of("query", "micro.srv.greeter", "Say.Hello", "{\"name\": \"John\"}")));
    }

    @Test
    void argumentsHoldingASingleQuoteAreDoubleQuotedAndEscaped() {
        assertEquals("\"{\\\"name\\\":\\\"O'Brien \\$x\\\"}\"", CommandLine.quote("{\"name\":\"O'Brien $x\"}"));
    }

    @Test
    void onlyMicroCommandsCanBeFormed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CommandLine.toGogo(List.of("felix:shutdown;", "x")));
        assertTrue(error.getMessage().contains("is not a micro command"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CommandLine.toGogo(List.of()));
    }
}
