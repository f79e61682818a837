package micro.bot.irc.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.net.ssl.SSLSocketFactory;

import micro.api.bot.Addressing;
import micro.api.bot.ChatMessage;
import micro.api.bot.Input;
import micro.api.bot.Reconnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IRC connection kept up by its own thread: connects, registers its nick (another one with
 * {@code _} appended while the nick is taken), joins the channels, answers the server's PINGs and
 * delivers messages meant for the bot; after a failure it connects again ({@link Reconnection}). A
 * silent server is asked PING once; if it stays silent the connection is dropped and redone.
 */
final class IrcSession implements Input.Conversation {

    private static final Logger LOG = LoggerFactory.getLogger(IrcSession.class);
    private static final int SILENCE_MILLIS = 90_000;
    /** Room for the prefix the server puts before a relayed line, within IRC's 512 bytes. */
    private static final int MAX_TEXT_BYTES = 400;

    private final IrcSettings settings;
    private final Consumer<ChatMessage> listener;
    private final Reconnection reconnection = new Reconnection();
    private final Object writeLock = new Object();
    private volatile Socket socket;
    private volatile OutputStream out;
    private volatile boolean registered;
    private volatile String nick;

    private IrcSession(IrcSettings settings, Consumer<ChatMessage> listener) {
        this.settings = settings;
        this.listener = listener;
        this.nick = settings.nick();
    }

    static IrcSession start(IrcSettings settings, Consumer<ChatMessage> listener) {
        IrcSession session = new IrcSession(settings, listener);
        Thread thread = new Thread(session::keepConnected, "micro-bot-irc");
        thread.setDaemon(true);
        thread.start();
        return session;
    }

    private void keepConnected() {
        while (!reconnection.isClosed()) {
            try (Socket connection = connect()) {
                socket = connection;
                out = connection.getOutputStream();
                session(new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8)));
                if (registered) {
                    reconnection.connected();
                }
            } catch (IOException | RuntimeException e) {
                if (!reconnection.isClosed()) {
                    LOG.warn("micro.bot.irc: {} failed: {}; connecting again in {} s", settings, e.getMessage(),
                            reconnection.pause().toSeconds());
                }
            } finally {
                registered = false;
                socket = null;
            }
            if (!reconnection.await()) {
                return;
            }
        }
    }

    private Socket connect() throws IOException {
        Socket connection = settings.tls() ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        connection.connect(new InetSocketAddress(settings.host(), settings.port()), 10_000);
        connection.setSoTimeout(SILENCE_MILLIS);
        return connection;
    }

    /** Reads until the server closes the connection or we do. */
    private void session(BufferedReader in) throws IOException {
        nick = settings.nick();
        if (settings.password() != null) {
            send("PASS " + settings.password());
        }
        send("NICK " + nick);
        send("USER " + settings.nick() + " 0 * :micro bot");
        boolean pinged = false;
        while (!reconnection.isClosed()) {
            String line;
            try {
                line = in.readLine();
            } catch (SocketTimeoutException e) {
                if (pinged) {
                    throw new IOException("the server did not answer a PING in " + SILENCE_MILLIS / 1000 + " s");
                }
                send("PING :micro");
                pinged = true;
                continue;
            }
            if (line == null) {
                throw new IOException("the server closed the connection");
            }
            pinged = false;
            handle(IrcLine.parse(line));
        }
    }

    private void handle(IrcLine line) throws IOException {
        switch (line.command()) {
            case "PING" -> send("PONG :" + line.param(0));
            case "001" -> {
                registered = true;
                LOG.info("micro.bot.irc: connected to {}:{} as {}", settings.host(), settings.port(), nick);
                for (String channel : settings.channels()) {
                    send("JOIN " + channel);
                }
            }
            case "433" -> { // nick in use (a previous connection of ours may linger)
                nick = nick + "_";
                send("NICK " + nick);
            }
            case "ERROR" -> throw new IOException("the server said: " + line.param(0));
            case "PRIVMSG" -> privateOrChannel(line);
            default -> {
                // other numerics and commands need no answer
            }
        }
    }

    private void privateOrChannel(IrcLine line) {
        String target = line.param(0);
        String text = line.param(1);
        if (text.startsWith("\u0001")) {
            return; // CTCP (ACTION, VERSION ...): not a command
        }
        if (target.equalsIgnoreCase(nick)) {
            listener.accept(new ChatMessage(line.nick(), null, text));
            return;
        }
        String addressed = Addressing.strip(text, nick, settings.nick());
        if (addressed != null) {
            listener.accept(new ChatMessage(line.nick(), target, addressed));
        }
    }

    @Override
    public void reply(ChatMessage to, String text) {
        String target = to.direct() ? to.from() : to.room();
        try {
            for (String line : lines(text)) {
                send("PRIVMSG " + target + " :" + line);
            }
        } catch (IOException e) {
            LOG.warn("micro.bot.irc: a reply to {} was lost: {}", target, e.getMessage());
        }
    }

    /** The reply as IRC lines: one per line of text (blank ones kept as a space), long ones split. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.replace("\r", "").split("\n")) {
            String rest = line.replace("\t", "    ");
            while (rest.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
                int cut = Math.min(rest.length(), MAX_TEXT_BYTES / 4); // a UTF-8 char is at most 4 bytes
                while (cut < rest.length() && rest.substring(0, cut + 1).getBytes(StandardCharsets.UTF_8).length <= MAX_TEXT_BYTES) {
                    cut++;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            lines.add(rest.isEmpty() ? " " : rest);
        }
        return lines;
    }

    private void send(String line) throws IOException {
        OutputStream stream = out;
        if (stream == null || socket == null) {
            throw new IOException("not connected to " + settings.host() + ":" + settings.port());
        }
        synchronized (writeLock) {
            stream.write((line.replace("\r", "").replace("\n", " ") + "\r\n").getBytes(StandardCharsets.UTF_8));
            stream.flush();
        }
    }

    @Override
    public boolean connected() {
        return registered;
    }

    @Override
    public void close() {
        reconnection.close();
        Socket current = socket;
        if (current != null) {
            try {
                send("QUIT :micro bot stopping");
            } catch (IOException e) {
                // closing anyway
            }
            try {
                current.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
    }

}
