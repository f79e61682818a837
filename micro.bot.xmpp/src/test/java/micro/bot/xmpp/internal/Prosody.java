package micro.bot.xmpp.internal;

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
 * A real Prosody (Debian package {@code prosody}) for the bot's tests: XMPP on a free loopback port,
 * domain {@code localhost}, rooms on {@code conference.localhost}, its own config and data in a temp
 * dir, test accounts made with {@code prosodyctl}. It can be stopped and started again on the same
 * port, as a server restart. A missing binary fails the test: {@code .ci/run} installs the package.
 */
public final class Prosody implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;

    private Prosody(String name, List<String> command, Path log, int port) {
        this.name = name;
        this.command = command;
        this.log = log;
        this.port = port;
    }

    /** Starts Prosody in {@code dir} with {@code accounts} given as user=password. */
    public static Prosody start(Path dir, String... accounts) throws Exception {
        binary("/usr/bin/prosody", "prosody");
        int port = freePort();
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("certs"));
        Path config = dir.resolve("prosody.cfg.lua");
        Files.writeString(config, String.join("\n",
                "-- the bot's test server: loopback only, no server-to-server, no HTTP, plain passwords",
                "pidfile = \"" + dir.resolve("prosody.pid") + "\"",
                "data_path = \"" + data + "\"",
                "certificates = \"" + dir.resolve("certs") + "\"",
                "interfaces = { \"127.0.0.1\" }",
                "local_interfaces = { \"127.0.0.1\" }",
                "c2s_ports = { " + port + " }",
                "c2s_direct_tls_ports = { }",
                "s2s_ports = { }",
                "http_ports = { }",
                "https_ports = { }",
                "c2s_require_encryption = false",
                "allow_unencrypted_plain_auth = true",
                "authentication = \"internal_plain\"",
                "daemonize = false",
                "run_as_root = true",
                "log = { info = \"*console\" }",
                "modules_enabled = { \"roster\"; \"saslauth\"; \"disco\"; \"ping\" }",
                "VirtualHost \"localhost\"",
                "Component \"conference.localhost\" \"muc\"", ""));
        // Prosody keeps its data as user prosody.
        new ProcessBuilder("chown", "-R", "prosody:prosody", data.toString()).inheritIO().start().waitFor();
        for (String account : accounts) {
            String[] userPassword = account.split("=", 2);
            Process register = new ProcessBuilder("prosodyctl", "--config", config.toString(), "register", userPassword[0], "localhost",
                    userPassword[1]).redirectErrorStream(true).start();
            String out = new String(register.getInputStream().readAllBytes());
            if (register.waitFor() != 0) {
                throw new AssertionError("prosodyctl register " + userPassword[0] + " failed: " + out);
            }
        }
        Prosody server = new Prosody("prosody", List.of("prosody", "--config", config.toString()), dir.resolve("prosody.log"), port);
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
