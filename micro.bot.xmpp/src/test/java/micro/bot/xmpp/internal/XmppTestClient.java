package micro.bot.xmpp.internal;

import java.time.Duration;

import micro.core.internal.testing.Await;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * A person on XMPP for the bot's tests, on Smack: logs in to the test Prosody as USER@localhost,
 * writes to the bot directly or in a room, and collects what comes back.
 */
public final class XmppTestClient implements AutoCloseable {

    private final XMPPTCPConnection connection;
    private final StringBuilder heard = new StringBuilder(); // guarded by itself
    private MultiUserChat room;

    private XmppTestClient(XMPPTCPConnection connection) {
        this.connection = connection;
    }

    public static XmppTestClient login(String address, String user, String password) throws Exception {
        String[] hostPort = address.split(":");
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder().setXmppDomain("localhost")
                .setHost(hostPort[0]).setPort(Integer.parseInt(hostPort[1])).setUsernameAndPassword(user, password)
                .setResource("test").setSecurityMode(SecurityMode.disabled).build());
        connection.connect().login();
        XmppTestClient client = new XmppTestClient(connection);
        ChatManager.getInstanceFor(connection).addIncomingListener((from, message, chat) -> client.hear(from + ": " + message.getBody()));
        return client;
    }

    public void join(String roomJid, String nick) throws Exception {
        room = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(JidCreate.entityBareFrom(roomJid));
        room.addMessageListener(message -> hear(message.getFrom() + ": " + message.getBody()));
        room.join(room.getEnterConfigurationBuilder(Resourcepart.from(nick)).requestNoHistory().build());
    }

    private void hear(String line) {
        synchronized (heard) {
            heard.append(line).append('\n');
        }
    }

    /** Writes to the bot directly and waits until its answers contain {@code expected}. */
    public String ask(String bot, String text, String expected) throws Exception {
        clear();
        ChatManager.getInstanceFor(connection).chatWith(JidCreate.entityBareFrom(bot)).send(text);
        return awaitHeard(text, expected);
    }

    /** Writes in the joined room and waits until what is said there contains {@code expected}. */
    public String askInRoom(String text, String expected) throws Exception {
        clear();
        room.sendMessage(text);
        return awaitHeard(text, expected);
    }

    private void clear() {
        synchronized (heard) {
            heard.setLength(0);
        }
    }

    private String awaitHeard(String text, String expected) {
        Await.probe("the bot to answer '" + text + "' with '" + expected + "'", Duration.ofSeconds(30),
                () -> heardSoFar().contains(expected), () -> "heard:\n" + heardSoFar());
        return heardSoFar();
    }

    private String heardSoFar() {
        synchronized (heard) {
            return heard.toString();
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
