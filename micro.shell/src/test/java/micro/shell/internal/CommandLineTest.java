package micro.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void argumentsTravelAsVariablesNotAsText() {
        CommandLine line = CommandLine.of(List.of("query", "micro.srv.greeter", "Say.Hello", "{\"name\": \"O'Brien\"}"));
        assertEquals("micro:query $micro_arg_1 $micro_arg_2 $micro_arg_3", line.line());
        assertEquals(Map.of("micro_arg_1", "micro.srv.greeter", "micro_arg_2", "Say.Hello", "micro_arg_3",
                "{\"name\": \"O'Brien\"}"), line.variables());
        assertEquals("query", line.verb());
    }

    @Test
    void onlyMicroCommandsCanBeFormed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CommandLine.of(List.of("felix:shutdown;", "x")));
        assertTrue(error.getMessage().contains("is not a micro command"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CommandLine.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.of(java.util.Arrays.asList("list", null)));
    }
}
