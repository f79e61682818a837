package micro.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import micro.bot.irc.internal.IrcTestClient;
import micro.bot.irc.internal.Ngircd;
import micro.bot.xmpp.internal.Prosody;
import micro.bot.xmpp.internal.XmppTestClient;
import micro.core.internal.testing.ServerProcess;
import micro.host.Processes.Collector;
import micro.registry.etcd.internal.EtcdServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat bot as its users meet it: {@code micro.jar bot} on etcd, logged in to a real Prosody (XMPP)
 * and a real ngircd (IRC), beside a {@code micro.jar server} with the greeter and the uptime command.
 * People write to it with real clients: allowed users, an admin and a stranger, directly and in a room;
 * the service command comes and goes with its host; the bot connects again after Prosody restarts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BotIT {

    private static final String BOT_JID = "micro@localhost";
    private static final String ROOM = "ops@conference.localhost";

    @TempDir
    static Path dir;
    private static EtcdServer etcd;
    private static ServerProcess prosody;
    private static ServerProcess ngircd;
    private static Process bot;
    private static Collector botOutput;
    private static Process server;

    @BeforeAll
    static void start() throws Exception {
        etcd = EtcdServer.start(dir.resolve("etcd"));
        prosody = Prosody.start(dir.resolve("prosody"), "micro=bot-secret", "alice=alice-secret", "carol=carol-secret",
                "mallory=mallory-secret");
        ngircd = Ngircd.start(dir.resolve("ngircd"));
        Path password = Files.writeString(dir.resolve("xmpp.password"), "bot-secret\n");
        bot = new ProcessBuilder(Processes.java("bot", "--registry", "etcd", "--registry_address", etcd.endpoint(), "--server_address",
                "127.0.0.1:0", "--cli_address", "127.0.0.1:" + Processes.freePort(), "--inputs", "xmpp,irc", "--xmpp_address",
                prosody.address(), "--xmpp_jid", BOT_JID, "--xmpp_password_file", password.toString(), "--xmpp_rooms", ROOM,
                "--xmpp_tls", "disabled", "--irc_address", ngircd.address(), "--irc_channels", "#ops", "--bot_allow",
                "alice,alice@localhost", "--bot_admins", "carol,carol@localhost")).redirectErrorStream(true).start();
        botOutput = Collector.of(bot.getInputStream());
        Processes.await("the bot to connect to XMPP and IRC", Duration.ofSeconds(60), () -> !bot.isAlive()
                || botOutput.text().contains("micro.bot.xmpp: online") && botOutput.text().contains("micro.bot.irc: connected")
                        && botOutput.text().contains("micro bot started"));
        assertTrue(bot.isAlive(), botOutput.text());
        assertTrue(botOutput.text().contains("micro bot started") && botOutput.text().contains("  bot        inputs xmpp,irc"),
                botOutput.text());
        assertFalse(botOutput.text().contains("bot-secret"), "no password in the log:\n" + botOutput.text());
        server = startServer();
    }

    /** The greeter and the uptime command, in another process on the same etcd. */
    private static Process startServer() throws Exception {
        Process host = new ProcessBuilder(Processes.java("server", "--registry", "etcd", "--registry_address", etcd.endpoint(),
                "--server_address", "127.0.0.1:0", "--api_address", "127.0.0.1:0", "--cli_address", "127.0.0.1:" + Processes.freePort()))
                .redirectErrorStream(true).start();
        Collector out = Collector.of(host.getInputStream());
        Processes.await("the server host to start", Duration.ofSeconds(60), () -> !host.isAlive() || out.text().contains("commands   "));
        assertTrue(host.isAlive(), out.text());
        return host;
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process process : new Process[] { bot, server }) {
            if (process != null) {
                process.destroyForcibly().waitFor();
            }
        }
        for (AutoCloseable closeable : new AutoCloseable[] { prosody, ngircd, etcd }) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    @Order(1)
    void onIrcAllowedUsersListAndAskWhileOnlyAdminsCallAndStrangersAreTurnedAway() throws Exception {
        try (IrcTestClient alice = IrcTestClient.connect(ngircd.address(), "alice", "#ops");
                IrcTestClient carol = IrcTestClient.connect(ngircd.address(), "carol");
                IrcTestClient mallory = IrcTestClient.connect(ngircd.address(), "mallory")) {
            String help = alice.ask("micro", "help", "the time where the bot runs");
            assertTrue(help.contains("* query NAME ENDPOINT [JSON]") && help.contains("get service NAME") && help.contains("ping"), help);
            alice.ask("micro", "list services", "micro.srv.greeter");
            alice.ask("micro", "query micro.srv.greeter Say.Hello {\"name\": \"John\"}", "query is for admins only");
            carol.ask("micro", "query micro.srv.greeter Say.Hello {\"name\": \"John\"}", "Hello John");
            mallory.ask("micro", "list services", "sorry, mallory is not on this bot's allow list");
            alice.ask("micro", "list", "list what?");
            alice.ask("micro", "frobnicate", "unknown command 'frobnicate'");
            alice.awaitAfter("unknown command 'frobnicate'", "list services"); // the help follows, line by line
            String inChannel = alice.ask("#ops", "micro: list services", "micro.srv.greeter");
            assertTrue(inChannel.contains("micro -> #ops: "), "answered in the channel: " + inChannel);
        }
    }

    @Test
    @Order(2)
    void onXmppTheSameDirectlyAndInARoom() throws Exception {
        try (XmppTestClient alice = XmppTestClient.login(prosody.address(), "alice", "alice-secret");
                XmppTestClient carol = XmppTestClient.login(prosody.address(), "carol", "carol-secret");
                XmppTestClient mallory = XmppTestClient.login(prosody.address(), "mallory", "mallory-secret")) {
            alice.ask(BOT_JID, "help", "list services");
            alice.ask(BOT_JID, "list services", "micro.srv.greeter");
            alice.ask(BOT_JID, "query micro.srv.greeter Say.Hello {\"name\":\"John\"}", "query is for admins only");
            carol.ask(BOT_JID, "query micro.srv.greeter Say.Hello {\"name\":\"John\"}", "Hello John");
            mallory.ask(BOT_JID, "list services", "not on this bot's allow list");
            alice.ask(BOT_JID, "nonsense", "unknown command 'nonsense'");
            alice.join(ROOM, "alice");
            String inRoom = alice.askInRoom("micro: get service micro.srv.greeter", "Say.Hello");
            assertTrue(inRoom.contains(ROOM + "/micro: "), "answered in the room: " + inRoom);
        }
    }

    @Test
    @Order(3)
    void aServiceOfTheBotNamespaceIsACommandWhileItIsRegistered() throws Exception {
        try (IrcTestClient carol = IrcTestClient.connect(ngircd.address(), "carol");
                IrcTestClient alice = IrcTestClient.connect(ngircd.address(), "alice")) {
            carol.ask("micro", "help", "uptime");
            carol.ask("micro", "uptime", "up 0d");
            alice.ask("micro", "uptime", "uptime is for admins only");
            server.destroy(); // SIGTERM: the host deregisters its services
            server.waitFor();
            Processes.await("the uptime command to go with its host", Duration.ofSeconds(30),
                    () -> carol.ask("micro", "uptime", "micro ->").contains("unknown command 'uptime'"));
            server = startServer();
            Processes.await("the uptime command to come back with its host", Duration.ofSeconds(30),
                    () -> carol.ask("micro", "uptime", "micro ->").contains("up 0d"));
        }
    }

    @Test
    @Order(4)
    void theBotConnectsAgainAfterProsodyRestarts() throws Exception {
        prosody.stop();
        Processes.await("the bot to notice", Duration.ofSeconds(30), () -> botOutput.text().contains("micro.bot.xmpp: connection to"));
        int onlineBefore = count(botOutput.text(), "micro.bot.xmpp: online");
        prosody.start();
        Processes.await("the bot to log in again", Duration.ofSeconds(60),
                () -> count(botOutput.text(), "micro.bot.xmpp: online") > onlineBefore);
        try (XmppTestClient alice = XmppTestClient.login(prosody.address(), "alice", "alice-secret")) {
            alice.ask(BOT_JID, "ping", "pong");
            alice.join(ROOM, "alice");
            alice.askInRoom("micro: ping", "pong");
        }
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
