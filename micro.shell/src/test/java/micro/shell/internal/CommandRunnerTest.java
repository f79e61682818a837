package micro.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import micro.api.MicroException;
import micro.api.command.Command;
import micro.api.command.CommandSet;

import org.junit.jupiter.api.Test;

/** What a caller sends arrives at the command as data, and failures keep their kind. */
class CommandRunnerTest {

    /** Stands in for the shell's query: answers what it was given. */
    static final Command QUERY = new ShellCommand("query", "query NAME ENDPOINT [JSON]", "call an endpoint", true, 2, 3,
            args -> micro.api.command.Answer.text(String.join("|", args)));

    /** Fails as asked: {@code fail misuse}, {@code fail 503}, {@code fail bug}. */
    static final Command FAIL = new ShellCommand("fail", "fail HOW", "fail as asked", false, 1, 1, args -> {
        switch (args.get(0)) {
            case "misuse" -> throw new CommandMisuse("say it differently");
            case "bug" -> throw new IllegalStateException("a bug");
            default -> throw new MicroException("test", Integer.parseInt(args.get(0)), "failed as asked");
        }
    });

    private final CommandSet commands = new CommandSet();
    private final CommandRunner runner = new CommandRunner(commands);

    CommandRunnerTest() {
        commands.add(QUERY, Map.of("service.id", 1L));
        commands.add(FAIL, Map.of("service.id", 2L));
    }

    @Test
    void quotesDollarsArithmeticAndSemicolonsArriveUnchanged() {
        for (String hostile : List.of("{\"name\":\"O'Brien\"}", "it's", "'", "\"", "%(5*5)", "{\"n\":\"Hello 'x' %(5*5)\"}",
                "$HOME", "${x}", "a; felix:shutdown", "$(echo hi)", "\\n", "", " spaced  out ", "#not a comment", "{}|grep x")) {
            assertEquals("s|e|" + hostile + "\n", runner.run(List.of("query", "s", "e", hostile)), hostile);
        }
    }

    @Test
    void misuseIsA400AndUnknownCommandsA404ListingTheCommands() {
        MicroException wrong = assertThrows(MicroException.class, () -> runner.run(List.of("query", "only-one")));
        assertEquals(400, wrong.code());
        assertTrue(wrong.detail().contains("usage: query NAME ENDPOINT [JSON]"), wrong.detail());
        MicroException unknown = assertThrows(MicroException.class, () -> runner.run(List.of("nosuch")));
        assertEquals(404, unknown.code());
        assertTrue(unknown.detail().contains("unknown command 'nosuch'") && unknown.detail().contains("  fail HOW"), unknown.detail());
        assertEquals(400, assertThrows(MicroException.class, () -> runner.run(List.of())).code());
    }

    @Test
    void aCommandsOwnMisuseKeepsItsMessageAndItsErrorsTheirCode() {
        MicroException misuse = assertThrows(MicroException.class, () -> runner.run(List.of("fail", "misuse")));
        assertEquals(400, misuse.code());
        assertEquals("say it differently\nusage: fail HOW", misuse.detail());
        assertEquals(503, assertThrows(MicroException.class, () -> runner.run(List.of("fail", "503"))).code());
        assertEquals(500, assertThrows(MicroException.class, () -> runner.run(List.of("fail", "bug"))).code());
    }

    @Test
    void aCommandOfAnotherBundleCountsWhileItIsThere() {
        Command routes = new ShellCommand("routes", "routes PATH", "how the gateway resolves a path", false, 1, 1,
                args -> micro.api.command.Answer.text("path " + args.get(0)));
        commands.add(routes, Map.of("service.id", 3L));
        assertEquals("path /x\n", runner.run(List.of("routes", "/x")));
        commands.remove(Map.of("service.id", 3L));
        assertEquals(404, assertThrows(MicroException.class, () -> runner.run(List.of("routes", "/x"))).code());
    }
}
