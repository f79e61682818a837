package micro.bot.irc.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import micro.core.internal.testing.Await;

/**
 * A person on IRC for the bot's tests: a plain socket client that logs in with a nick, joins
 * channels, writes messages and collects every PRIVMSG the bot sends it or its channels.
 */
public final class IrcTestClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final StringBuilder heard = new StringBuilder(); // guarded by itself
    private final StringBuilder raw = new StringBuilder(); // guarded by itself

    private IrcTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    public static IrcTestClient connect(String address, String nick, String... channels) throws Exception {
        String[] hostPort = address.split(":");
        IrcTestClient client = new IrcTestClient(new Socket(hostPort[0], Integer.parseInt(hostPort[1])));
        Thread reader = new Thread(client::read, "irc-test-" + nick);
        reader.setDaemon(true);
        reader.start();
        client.send("NICK " + nick);
        client.send("USER " + nick + " 0 * :test user");
        client.awaitRaw(" 001 " + nick + " ", "the welcome of " + nick);
        for (String channel : channels) {
            client.send("JOIN " + channel);
            client.awaitRaw(" 366 " + nick + " " + channel + " ", nick + " to join " + channel);
        }
        return client;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                synchronized (raw) {
                    raw.append(line).append('\n');
                }
                if (line.startsWith("PING ")) {
                    send("PONG " + line.substring(5));
                }
                int privmsg = line.indexOf(" PRIVMSG ");
                if (privmsg > 0) {
                    int text = line.indexOf(" :", privmsg);
                    synchronized (heard) {
                        heard.append(line, 1, line.indexOf('!') > 0 ? line.indexOf('!') : privmsg).append(" -> ")
                                .append(line, privmsg + 9, text).append(": ").append(line.substring(text + 2)).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void awaitRaw(String part, String what) {
        Await.until(what, Duration.ofSeconds(30), () -> {
            synchronized (raw) {
                return raw.toString().contains(part);
            }
        });
    }

    public void send(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new AssertionError("cannot write to IRC: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code text} to {@code target} (the bot's nick or a channel) and waits until what the bot
     * said since then contains {@code expected}; answers all it said, one "micro -> TARGET: text" per line.
     */
    public String ask(String target, String text, String expected) {
        synchronized (heard) {
            heard.setLength(0);
        }
        send("PRIVMSG " + target + " :" + text);
        Await.probe("the bot to answer '" + text + "' with '" + expected + "'", Duration.ofSeconds(30),
                () -> heardSoFar().contains(expected), () -> "it said:\n" + heardSoFar());
        return heardSoFar();
    }

    /**
     * Waits, without clearing what was heard, until {@code then} was heard after {@code first} (an
     * answer of several lines arrives as several messages); what was heard so far.
     */
    public String awaitAfter(String first, String then) {
        Await.probe("'" + then + "' to follow '" + first + "'", Duration.ofSeconds(30), () -> {
            String so = heardSoFar();
            int at = so.indexOf(first);
            return at >= 0 && so.indexOf(then, at + first.length()) >= 0;
        }, () -> "it said:\n" + heardSoFar());
        return heardSoFar();
    }

    private String heardSoFar() {
        synchronized (heard) {
            return heard.toString();
        }
    }

    @Override
    public void close() throws IOException {
        send("QUIT :bye");
        socket.close();
    }
}
