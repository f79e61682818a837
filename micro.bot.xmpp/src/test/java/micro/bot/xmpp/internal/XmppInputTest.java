package micro.bot.xmpp.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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

/** The XMPP input against a real Prosody: direct messages, a room, a reply XML cannot carry, a restart. */
class XmppInputTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ROOM = "dev@conference.localhost";

    @TempDir
    static Path dir;
    private static ServerProcess prosody;
    private static Input.Conversation conversation;
    private static final List<ChatMessage> heard = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        prosody = Prosody.start(dir.resolve("prosody"), "bot=bot-pass", "alice=alice-pass");
        Path password = Files.writeString(dir.resolve("password"), "bot-pass\n");
        Input input = new XmppInput(Configs.of(XmppInput.Config.class, Map.of("address", prosody.address(), "jid", "bot@localhost",
                "password_file", password.toString(), "rooms", ROOM, "nick", "bot", "tls", "disabled")));
        conversation = input.open(message -> {
            heard.add(message);
            conversation.reply(message, message.text().equals("control") ? "a\u0000b\u001Bc" : "you said: " + message.text());
        });
        Await.until("the input to log in", WAIT, () -> conversation.connected());
    }

    @AfterAll
    static void stop() throws Exception {
        conversation.close();
        prosody.close();
    }

    @Test
    void directMessagesAndAddressedRoomMessagesAreDeliveredWithTheWritersAccount() throws Exception {
        try (XmppTestClient alice = XmppTestClient.login(prosody.address(), "alice", "alice-pass")) {
            alice.ask("bot@localhost", "list services", "you said: list services");
            alice.join(ROOM, "alice");
            assertTrue(alice.askInRoom("bot: get service x", "you said: get service x").contains(ROOM + "/bot: "));
            assertTrue(heard.contains(new ChatMessage("alice@localhost", null, "list services")), heard.toString());
            assertTrue(heard.contains(new ChatMessage("alice@localhost", ROOM, "get service x")),
                    "the account behind the room nick: " + heard);
        }
    }

    @Test
    void aReplyWithCharactersXmlCannotCarryArrivesCleanedAndTheConnectionStays() throws Exception {
        try (XmppTestClient alice = XmppTestClient.login(prosody.address(), "alice", "alice-pass")) {
            alice.ask("bot@localhost", "control", "abc");
            alice.ask("bot@localhost", "still there?", "you said: still there?");
        }
    }

    @Test
    void afterProsodyRestartsTheInputLogsInAndJoinsItsRoomAgain() throws Exception {
        prosody.stop();
        Await.until("the input to notice", WAIT, () -> !conversation.connected());
        prosody.start();
        Await.until("the input to log in again", WAIT, () -> conversation.connected());
        try (XmppTestClient alice = XmppTestClient.login(prosody.address(), "alice", "alice-pass")) {
            alice.join(ROOM, "alice2");
            alice.askInRoom("bot: ping", "you said: ping");
        }
    }
}
