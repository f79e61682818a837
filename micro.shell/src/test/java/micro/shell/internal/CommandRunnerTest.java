package micro.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import micro.api.MicroException;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Commands run in a real Gogo processor: what a caller sends arrives at the command as data. */
class CommandRunnerTest {

    /** Stands in for the micro: commands: prints what it was given. */
    public static final class Echo {
        public void query(String service, String endpoint, String json) {
            System.out.print(service + "|" + endpoint + "|" + json);
        }

        public void fail(String code) {
            if (code.equals("misuse")) {
                throw new CommandMisuse("say it differently");
            }
            throw new MicroException("test", Integer.parseInt(code), "failed as asked");
        }
    }

    private static ThreadIOImpl threads;
    private static CommandProcessorImpl processor;
    private static CommandRunner runner;

    @BeforeAll
    static void gogo() {
        threads = new ThreadIOImpl();
        threads.start();
        processor = new CommandProcessorImpl(threads);
        processor.addCommand("micro", new Echo());
        runner = new CommandRunner(processor, CommandVerbs.of(List.of("query", "fail")));
    }

    @AfterAll
    static void stop() {
        processor.stop();
        threads.stop();
    }

    @Test
    void quotesDollarsArithmeticAndSemicolonsArriveUnchanged() {
        for (String hostile : List.of("{\"name\":\"O'Brien\"}", "it's", "'", "\"", "%(5*5)", "{\"n\":\"Hello 'x' %(5*5)\"}",
                "$HOME", "${x}", "a; felix:shutdown", "$(echo hi)", "\\n", "", " spaced  out ", "#not a comment", "{}|grep x")) {
            assertEquals("s|e|" + hostile, runner.run(List.of("query", "s", "e", hostile)), hostile);
        }
    }

    @Test
    void misuseIsA400AndUnknownCommandsA404WithUsage() {
        MicroException wrong = assertThrows(MicroException.class, () -> runner.run(List.of("query", "only-one")));
        assertEquals(400, wrong.code());
        assertTrue(wrong.detail().contains("usage:"), wrong.detail());
        MicroException unknown = assertThrows(MicroException.class, () -> runner.run(List.of("nosuch")));
        assertEquals(404, unknown.code());
        assertEquals(400, assertThrows(MicroException.class, () -> runner.run(List.of("sh;rm"))).code());
    }

    @Test
    void theVerbsMicroCommandsPublishesAreTheMethodsGogoCalls() throws Exception {
        // The endpoint knows verbs from osgi.command.function; Gogo calls public methods by name: they must agree.
        java.util.Set<String> methods = java.util.Arrays.stream(MicroCommands.class.getDeclaredMethods())
                .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers())).map(java.lang.reflect.Method::getName)
                .collect(java.util.stream.Collectors.toSet());
        String component = java.nio.file.Files.readString(java.nio.file.Path.of("target/classes/OSGI-INF/"
                + MicroCommands.class.getName() + ".xml"));
        java.util.regex.Matcher functions = java.util.regex.Pattern.compile("name=\"osgi.command.function\"[^>]*>([^<]*)<")
                .matcher(component);
        assertTrue(functions.find(), component);
        assertEquals(methods, java.util.Set.of(functions.group(1).trim().split("\\s+")));
        CommandVerbs verbs = new CommandVerbs();
        verbs.add(java.util.Map.of("service.id", 7L, CommandVerbs.FUNCTION, new String[] { "routes" }));
        assertTrue(verbs.contains("routes"), "another bundle's command counts");
        verbs.remove(java.util.Map.of("service.id", 7L));
        assertTrue(!verbs.contains("routes"), "and goes with it");
    }

    @Test
    void aCommandsOwnMisuseKeepsItsMessage() {
        MicroException misuse = assertThrows(MicroException.class, () -> runner.run(List.of("fail", "misuse")));
        assertEquals(400, misuse.code());
        assertEquals("say it differently", misuse.detail());
    }

    @Test
    void aCommandsOwnErrorKeepsItsCode() {
        assertEquals(503, assertThrows(MicroException.class, () -> runner.run(List.of("fail", "503"))).code());
    }
}
