package micro.bot.irc.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import micro.core.internal.testing.Await;

/**
 * A real ngircd (Debian package {@code ngircd}) for the bot's tests: IRC on a free loopback port with
 * its own config in a temp dir, no PAM, ident or DNS lookups. It can be stopped and started again on
 * the same port, as a server restart. A missing binary fails the test: {@code .ci/run} installs it.
 */
public final class Ngircd implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;

    private Ngircd(String name, List<String> command, Path log, int port) {
        this.name = name;
        this.command = command;
        this.log = log;
        this.port = port;
    }

    /** Starts ngircd in {@code dir}. */
    public static Ngircd start(Path dir) throws Exception {
        String binary = binary("/usr/sbin/ngircd", "ngircd");
        int port = freePort();
        Path config = dir.resolve("ngircd.conf");
        Files.createDirectories(dir);
        Files.writeString(config, String.join("\n", "[Global]", "Name = irc.micro.test", "Info = the bot's test server",
                "Listen = 127.0.0.1", "Ports = " + port, "MotdPhrase = micro test", "AdminInfo1 = micro tests",
                "AdminInfo2 = localhost", "AdminEMail = root@localhost", "[Options]", "PAM = no", "Ident = no", "DNS = no", ""));
        Ngircd server = new Ngircd("ngircd", List.of(binary, "-n", "-f", config.toString()), dir.resolve("ngircd.log"), port);
        server.start();
        return server;
    }

    private static String binary(String path, String apt) {
        if (!Files.isExecutable(Path.of(path))) {
            throw new AssertionError(apt + " is not installed: apt-get install " + apt + " (.ci/run does)");
        }
        return path;
    }

    public void start() throws Exception {
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Await.until(name + " to listen on " + port, Duration.ofSeconds(30), () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited:\n" + logText());
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
