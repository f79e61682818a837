package micro.broker.nats.internal;

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
 * A real nats-server (Debian package nats-server) on a free loopback port. A missing binary fails the
 * test: CI installs the package.
 */
public final class NatsServer implements AutoCloseable {

    private final Path log;
    private final int port;
    private Process process;

    private NatsServer(Path log, int port) {
        this.log = log;
        this.port = port;
    }

    public static NatsServer start(Path dir) throws Exception {
        Files.createDirectories(dir);
        NatsServer server = new NatsServer(dir.resolve("nats.log"), freePort());
        server.start();
        return server;
    }

    public static String binary() {
        for (String candidate : List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("nats-server is not installed: apt-get install nats-server (.ci/run does)");
    }

    public void start() throws Exception {
        process = new ProcessBuilder(binary(), "-a", "127.0.0.1", "-p", String.valueOf(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Await.probe("nats-server to listen on " + port, Duration.ofSeconds(20), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("nats-server exited:\n" + Files.readString(log));
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            }
        }, this::logText);
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
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

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
