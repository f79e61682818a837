package micro.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsToEveryScenarioWithThreeRounds() {
        Options options = Options.parse(new String[0]);
        assertEquals(Set.copyOf(Options.SCENARIOS), options.scenarios());
        assertEquals(3, options.rounds());
        assertEquals(Duration.ofSeconds(30), options.warmup());
        assertEquals(List.of(1, 16, 64), options.callers());
        assertEquals(Duration.ofMinutes(10), options.soak());
        assertTrue(options.complete());
    }

    @Test
    void aRunWithoutTheSoakIsNotTheLatestResult() {
        Options options = Options.parse(new String[] {"--soak", "0"});
        assertEquals(Duration.ZERO, options.soak());
        assertEquals(false, options.complete());
        assertEquals(Duration.ZERO, Options.parse(new String[] {"--quick"}).soak());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--soak", "-1"}))
                .getMessage().contains("non-negative whole number"));
    }

    @Test
    void aPartialRunIsNotTheLatestResult() {
        assertEquals(false, Options.parse(new String[] {"--only", "unary,boot"}).complete());
        assertEquals(false, Options.parse(new String[] {"--quick"}).complete());
        assertEquals(true, Options.parse(new String[] {"--rounds", "5"}).complete());
    }

    @Test
    void explainsBadInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--only", "unray"}))
                .getMessage().contains("unknown scenario 'unray'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--rounds", "0"}))
                .getMessage().contains("positive whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--measure"}))
                .getMessage().contains("needs a value"));
    }
}
