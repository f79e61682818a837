package micro.bot.xmpp.internal;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import micro.api.bot.Addressing;
import micro.api.bot.ChatMessage;
import micro.api.bot.Input;
import micro.api.bot.Reconnection;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smack.xml.SmackXmlParser;
import org.jivesoftware.smack.xml.stax.StaxXmlPullParserFactory;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.Occupant;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One XMPP account kept online by its own thread, on Smack: logs in, joins the rooms (asking for no
 * history, so old messages are not run again), delivers messages meant for the bot; when the
 * connection drops it connects again ({@link Reconnection}) and joins the rooms again.
 */
final class XmppSession implements Input.Conversation {

    private static final Logger LOG = LoggerFactory.getLogger(XmppSession.class);

    static {
        // Smack finds its XML parser through ServiceLoader and the thread's context class loader,
        // which in OSGi is not this bundle's: name the parser inlined here.
        SmackXmlParser.setXmlPullParserFactory(new StaxXmlPullParserFactory());
    }

    private final XmppSettings settings;
    private final Consumer<ChatMessage> listener;
    private final Reconnection reconnection = new Reconnection();
    private final Map<String, MultiUserChat> rooms = new ConcurrentHashMap<>();
    private volatile XMPPTCPConnection connection;
    private volatile CountDownLatch dropped;

    private XmppSession(XmppSettings settings, Consumer<ChatMessage> listener) {
        this.settings = settings;
        this.listener = listener;
    }

    static XmppSession start(XmppSettings settings, Consumer<ChatMessage> listener) {
        XmppSession session = new XmppSession(settings, listener);
        Thread thread = new Thread(session::keepConnected, "micro-bot-xmpp");
        thread.setDaemon(true);
        thread.setContextClassLoader(XmppSession.class.getClassLoader());
        thread.start();
        return session;
    }

    private void keepConnected() {
        while (!reconnection.isClosed()) {
            CountDownLatch lost = new CountDownLatch(1);
            dropped = lost;
            XMPPTCPConnection current = null;
            try {
                current = connect(lost);
                connection = current;
                joinRooms(current);
                LOG.info("micro.bot.xmpp: online as {}", settings);
                reconnection.connected();
                reconnection.awaitLoss(lost);
            } catch (Exception e) {
                if (!reconnection.isClosed()) {
                    LOG.warn("micro.bot.xmpp: {} failed: {}; connecting again in {} s", settings, e.getMessage(),
                            reconnection.pause().toSeconds());
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                connection = null;
                rooms.clear();
                if (current != null) {
                    current.disconnect();
                }
            }
            if (!reconnection.await()) {
                return;
            }
        }
    }

    private XMPPTCPConnection connect(CountDownLatch lost) throws Exception {
        EntityBareJid jid = JidCreate.entityBareFrom(settings.jid());
        XMPPTCPConnectionConfiguration configuration = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(jid.asDomainBareJid()).setHostAddress(InetAddress.getByName(settings.host())).setPort(settings.port())
                .setUsernameAndPassword(jid.getLocalpart().toString(), settings.password())
                .setResource("micro-bot").setConnectTimeout(10_000)
                .setSecurityMode(switch (settings.tls()) {
                    case REQUIRED -> SecurityMode.required;
                    case IFPOSSIBLE -> SecurityMode.ifpossible;
                    case DISABLED -> SecurityMode.disabled;
                }).build();
        XMPPTCPConnection created = new XMPPTCPConnection(configuration);
        created.setReplyTimeout(10_000);
        created.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosed() {
                lost.countDown();
            }

            @Override
            public void connectionClosedOnError(Exception e) {
                LOG.warn("micro.bot.xmpp: connection to {}:{} lost: {}", settings.host(), settings.port(), e.getMessage());
                lost.countDown();
            }
        });
        created.connect().login();
        ChatManager.getInstanceFor(created).addIncomingListener((from, message, chat) -> {
            if (message.getBody() != null && !delayed(message)) {
                listener.accept(new ChatMessage(from.toString(), null, message.getBody()));
            }
        });
        return created;
    }

    private void joinRooms(XMPPTCPConnection current) throws Exception {
        MultiUserChatManager manager = MultiUserChatManager.getInstanceFor(current);
        Resourcepart nick = Resourcepart.from(settings.nick());
        for (String name : settings.rooms()) {
            MultiUserChat room = manager.getMultiUserChat(JidCreate.entityBareFrom(name));
            room.addMessageListener(message -> fromRoom(room, name, message));
            MultiUserChat.MucCreateConfigFormHandle created = room.createOrJoin(
                    room.getEnterConfigurationBuilder(nick).requestNoHistory().timeoutAfter(10_000).build());
            if (created != null) {
                created.makeInstant(); // a new room is locked until its owner configures it
            }
            rooms.put(name, room);
        }
    }

    private void fromRoom(MultiUserChat room, String name, Message message) {
        if (message.getBody() == null || delayed(message) || !(message.getFrom() instanceof EntityFullJid writer)
                || writer.getResourcepart().toString().equals(settings.nick())) {
            return;
        }
        String text = Addressing.strip(message.getBody(), settings.nick());
        if (text == null) {
            return;
        }
        // Who wrote it: the account behind the room nick when the room shows it to the bot, else room/nick
        // (which no allow list names, so an anonymous writer is refused).
        Occupant occupant = room.getOccupant(writer);
        String from = occupant != null && occupant.getJid() != null ? occupant.getJid().asBareJid().toString() : writer.toString();
        listener.accept(new ChatMessage(from, name, text));
    }

    private static boolean delayed(Message message) {
        return DelayInformation.from(message) != null;
    }

    @Override
    public void reply(ChatMessage to, String text) {
        XMPPTCPConnection current = connection;
        String body = XmlText.clean(text);
        try {
            if (current == null) {
                throw new IllegalStateException("not connected");
            }
            if (to.direct()) {
                ChatManager.getInstanceFor(current).chatWith(JidCreate.entityBareFrom(to.from())).send(body);
            } else {
                MultiUserChat room = rooms.get(to.room());
                if (room == null) {
                    throw new IllegalStateException("not in room " + to.room());
                }
                room.sendMessage(body);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("micro.bot.xmpp: a reply to {} was lost: {}", to.direct() ? to.from() : to.room(), e.getMessage());
        }
    }

    @Override
    public boolean connected() {
        XMPPTCPConnection current = connection;
        return current != null && current.isAuthenticated();
    }

    @Override
    public void close() {
        reconnection.close();
        CountDownLatch lost = dropped;
        if (lost != null) {
            lost.countDown();
        }
    }
}
