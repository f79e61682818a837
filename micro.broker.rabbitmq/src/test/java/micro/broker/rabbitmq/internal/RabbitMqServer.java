package micro.broker.rabbitmq.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import micro.core.internal.testing.ServerProcess;

/**
 * A real rabbitmq-server (Debian package rabbitmq-server) of its own: node name, AMQP, distribution
 * and epmd ports free loopback ones, data and logs in a directory of its own. The server runs as
 * user {@code rabbitmq} when the tests run as root (it refuses to run as root), so that directory
 * belongs to it. Up in about 7 s: start it once per test class; stop and start it for a restart.
 */
public final class RabbitMqServer implements AutoCloseable {

    private static final String SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private final Path dir;
    private final int epmdPort;
    private final ServerProcess process;

    private RabbitMqServer(Path dir, int epmdPort, ServerProcess process) {
        this.dir = dir;
        this.epmdPort = epmdPort;
        this.process = process;
    }

    public static RabbitMqServer start() throws Exception {
        String server = ServerProcess.binary("rabbitmq-server", SERVER);
        // Not under a JUnit @TempDir: that is root's alone, and the server's user must reach this one.
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "micro-rabbitmq-");
        Files.writeString(dir.resolve("enabled_plugins"), "[].\n"); // no management plugin: a faster boot
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            giveTo("rabbitmq", dir);
        }
        int port = ServerProcess.freePort();
        int epmd = ServerProcess.freePort();
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", "rabbitmq", "--"));
        }
        command.addAll(List.of("env", "HOME=" + dir, "RABBITMQ_NODENAME=micro-test-" + port + "@localhost",
                "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1", "RABBITMQ_NODE_PORT=" + port,
                "RABBITMQ_DIST_PORT=" + ServerProcess.freePort(), "ERL_EPMD_ADDRESS=127.0.0.1", "ERL_EPMD_PORT=" + epmd,
                "RABBITMQ_MNESIA_BASE=" + dir.resolve("mnesia"), "RABBITMQ_LOG_BASE=" + dir.resolve("log"),
                "RABBITMQ_ENABLED_PLUGINS_FILE=" + dir.resolve("enabled_plugins"), "RABBITMQ_PID_FILE=" + dir.resolve("pid"),
                "RABBITMQ_CONFIG_FILE=" + dir.resolve("rabbitmq"), server));
        ServerProcess process = new ServerProcess("rabbitmq-server", command, dir.resolve("server.out"), port);
        RabbitMqServer rabbit = new RabbitMqServer(dir, epmd, process);
        try {
            process.start();
        } catch (RuntimeException | AssertionError e) {
            rabbit.close();
            throw e;
        }
        return rabbit;
    }

    private static void giveTo(String user, Path dir) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                Files.setOwner(path, users.lookupPrincipalByName(user));
            }
        }
    }

    public String address() {
        return process.address();
    }

    public int port() {
        return process.port();
    }

    /** Stops the node (SIGTERM: it shuts down cleanly, durable messages on disk). */
    public void stop() throws InterruptedException {
        process.stop();
    }

    /** Starts it again on the same port with the same data. */
    public void restart() throws IOException {
        process.start();
    }

    public String logText() {
        return process.logText();
    }

    @Override
    public void close() throws Exception {
        process.stop();
        // the node started an epmd daemon on its own port: it outlives the node
        Process kill = new ProcessBuilder("epmd", "-port", String.valueOf(epmdPort), "-kill").redirectErrorStream(true).start();
        kill.getInputStream().readAllBytes();
        kill.waitFor(10, TimeUnit.SECONDS);
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
