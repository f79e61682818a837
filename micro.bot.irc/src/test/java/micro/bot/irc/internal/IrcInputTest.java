package micro.bot.irc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.bot.ChatMessage;
import micro.api.bot.Input;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.Configs;
import micro.core.internal.testing.ServerProcess;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IRC input against a real ngircd: what it delivers, how it answers, and a server restart. */
class IrcInputTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static ServerProcess ngircd;
    private static Input.Conversation conversation;
    private static final List<ChatMessage> heard = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        ngircd = Ngircd.start(dir.resolve("ngircd"));
        Input input = new IrcInput(Configs.of(IrcInput.Config.class, Map.of("address", ngircd.address(), "nick", "microbot",
                "channels", "ops")));
        conversation = input.open(message -> {
            heard.add(message);
            conversation.reply(message, "you said: " + message.text());
        });
        Await.until("the input to connect", WAIT, () -> conversation.connected());
    }

    @AfterAll
    static void stop() throws Exception {
        conversation.close();
        ngircd.close();
    }

    @Test
    void privateMessagesAndAddressedChannelMessagesAreDeliveredAndAnsweredWhereTheyCameFrom() throws Exception {
        try (IrcTestClient alice = IrcTestClient.connect(ngircd.address(), "alice", "#ops")) {
            assertTrue(alice.ask("microbot", "list services", "you said: list services").contains("microbot -> alice: "));
            assertTrue(alice.ask("#ops", "microbot: get service x", "you said: get service x").contains("microbot -> #ops: "));
            alice.ask("#ops", "@microbot ping", "you said: ping");
            alice.send("PRIVMSG #ops :just chatting, microbot");
            alice.ask("#ops", "microbot, hello", "you said: hello"); // the line before it was read first
            assertTrue(heard.contains(new ChatMessage("alice", null, "list services")), heard.toString());
            assertTrue(heard.contains(new ChatMessage("alice", "#ops", "get service x")), heard.toString());
            assertTrue(heard.stream().noneMatch(m -> m.text().contains("chatting")), "not addressed: " + heard);
        }
    }

    @Test
    void aLongReplyIsSplitIntoIrcLines() {
        List<String> lines = IrcSession.lines("one\n\ntwo\t" + "x".repeat(900));
        assertEquals("one", lines.get(0));
        assertEquals(" ", lines.get(1), "a blank line is kept");
        assertTrue(lines.size() == 5 && lines.stream().allMatch(l -> l.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 400),
                lines.toString());
    }

    @Test
    void afterTheServerRestartsTheInputConnectsAndJoinsAgain() throws Exception {
        ngircd.stop();
        Await.until("the input to notice", WAIT, () -> !conversation.connected());
        ngircd.start();
        Await.until("the input to connect again", WAIT, () -> conversation.connected());
        try (IrcTestClient bob = IrcTestClient.connect(ngircd.address(), "bob", "#ops")) {
            Await.until("the bot back in #ops", WAIT, () -> bob.ask("#ops", "microbot: ping", "microbot ->").contains("you said: ping"));
        }
    }
}
