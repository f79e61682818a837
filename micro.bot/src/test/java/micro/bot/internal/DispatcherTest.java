package micro.bot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import micro.api.MicroException;
import micro.api.bot.ChatMessage;
import micro.api.command.Command;
import micro.api.command.CommandLine;

import org.junit.jupiter.api.Test;

class DispatcherTest {

    /** A command that acts, as the shell's query does. */
    private record Query() implements Command {
        public String name() {
            return "query";
        }

        public String usage() {
            return "query NAME ENDPOINT [JSON]";
        }

        public String description() {
            return "call an endpoint";
        }

        public boolean acts() {
            return true;
        }

        public String run(List<String> args) {
            if (args.size() < 2) {
                throw MicroException.badRequest("test", "query what?\nusage: " + usage());
            }
            return "called " + String.join("|", args);
        }
    }

    private final AtomicLong clock = new AtomicLong();
    private final CommandBook book = new CommandBook(new NamespaceCommands("micro.bot", () -> null, Executors.newSingleThreadExecutor()));
    private final Dispatcher dispatcher = dispatcher(3, new ReplyCut(30, 3000));

    DispatcherTest() {
        book.addService(new Query(), Map.of("service.id", 1L));
    }

    private Dispatcher dispatcher(int perMinute, ReplyCut cut) {
        return new Dispatcher(book, new BotSettings(java.util.Set.of(), "micro.bot", Access.of("alice, irc:bob", "carol"),
                perMinute, cut), new RateLimit(perMinute, clock::get));
    }

    private Optional<String> say(String input, String from, String text) {
        return dispatcher.answer(input, new ChatMessage(from, null, text));
    }

    @Test
    void aUserNotOnTheAllowListIsToldSoAndRunsNothing() {
        assertEquals("sorry, mallory is not on this bot's allow list (bot_allow)", say("irc", "mallory", "query a b").orElseThrow());
        assertTrue(say("xmpp", "bob", "ping").orElseThrow().startsWith("sorry"), "bob is allowed on irc only");
        assertEquals("pong", say("irc", "bob", "ping").orElseThrow());
    }

    @Test
    void commandsThatActAreForAdminsOnly() {
        assertEquals("query is for admins only (bot_admins); say help for what you can run",
                say("irc", "alice", "query greeter Say.Hello {\"name\": \"John\"}").orElseThrow());
        assertEquals("called greeter|Say.Hello|{\"name\": \"John\"}", say("irc", "carol", "query greeter Say.Hello {\"name\": \"John\"}").orElseThrow());
    }

    @Test
    void misuseIsAnsweredWithTheCommandsUsage() {
        assertEquals("error 400: query what?\nusage: query NAME ENDPOINT [JSON]", say("irc", "carol", "query").orElseThrow());
    }

    @Test
    void unknownTextAndEmptyMessagesGetHelp() {
        String unknown = say("irc", "alice", "frobnicate now").orElseThrow();
        assertTrue(unknown.startsWith("unknown command 'frobnicate'\ncommands (* for admins only):"), unknown);
        assertTrue(unknown.contains("\n* query NAME ENDPOINT [JSON]  call an endpoint"), unknown);
        assertTrue(unknown.contains("\n  ping"), unknown);
        assertTrue(say("irc", "alice", "").orElseThrow().startsWith("commands"));
        assertEquals("query NAME ENDPOINT [JSON]\ncall an endpoint\n(admins only)", say("irc", "alice", "help query").orElseThrow());
    }

    @Test
    void theBotsOwnCommandsWinOverAServiceOfTheSameNameAndHigherRankingWinsAmongServices() {
        book.addService(new BuiltinCommand("ping", "ping", "a plugin's ping", args -> "plugin pong"), Map.of("service.ranking", 100, "service.id", 2L));
        assertEquals("pong", say("irc", "alice", "PING").orElseThrow());
        book.addService(new BuiltinCommand("echo2", "echo2", "low", args -> "low"), Map.of("service.ranking", 0, "service.id", 3L));
        book.addService(new BuiltinCommand("echo2", "echo2", "high", args -> "high"), Map.of("service.ranking", 5, "service.id", 4L));
        assertEquals("high", say("irc", "alice", "echo2").orElseThrow());
        book.removeService(Map.of("service.id", 4L));
        assertEquals("low", say("irc", "alice", "echo2").orElseThrow());
    }

    @Test
    void aUserOverTheRateLimitIsToldOnceThenIgnoredUntilTheMinuteIsOver() {
        for (int i = 0; i < 3; i++) {
            assertEquals("pong", say("irc", "alice", "ping").orElseThrow());
        }
        assertTrue(say("irc", "alice", "ping").orElseThrow().startsWith("slow down: at most 3 commands a minute"));
        assertEquals(Optional.empty(), say("irc", "alice", "ping"));
        assertEquals("pong", say("irc", "carol", "ping").orElseThrow(), "others are not held up");
        clock.addAndGet(60_000_000_000L);
        assertEquals("pong", say("irc", "alice", "ping").orElseThrow());
    }

    @Test
    void longRepliesAreCutWithTheNumberOfLinesLeft() {
        Dispatcher small = dispatcher(10, new ReplyCut(2, 3000));
        book.addService(new BuiltinCommand("lines", "lines", "five lines", args -> "1\n2\n3\n4\n5"), Map.of("service.ranking", 0, "service.id", 5L));
        assertEquals("1\n2\n... (3 more lines)", small.answer("irc", new ChatMessage("alice", null, "lines")).orElseThrow());
        assertEquals("1\n2\n3\n4\n5", say("irc", "alice", "lines").orElseThrow());
        String oneLong = new ReplyCut(30, 100).apply("x".repeat(500));
        assertTrue(oneLong.length() <= 100 && oneLong.endsWith("... (cut at 100 characters)"), oneLong);
    }

    @Test
    void wordsKeepJsonAndQuotedTextTogether() {
        assertEquals(List.of("query", "greeter", "Say.Hello", "{\"name\": \"John Smith\"}"),
                CommandLine.words("  query greeter   Say.Hello {\"name\": \"John Smith\"} "));
        assertEquals(List.of("echo", "two  spaces", "x"), CommandLine.words("echo \"two  spaces\" x"));
        assertEquals(List.of(), CommandLine.words("   "));
    }

    @Test
    void anEmptyAllowListLetsNobodyIn() {
        assertTrue(Access.of("", "").nobodyAllowed());
        assertTrue(!Access.of("", "").allows("irc", "alice"));
        assertTrue(Access.of("", "alice").allows("irc", "alice"), "an admin may talk to the bot");
    }
}
