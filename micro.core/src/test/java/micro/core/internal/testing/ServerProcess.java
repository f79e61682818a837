package micro.core.internal.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real server from a Debian package as a test fixture (nats-server, ngircd, prosody ...): started
 * from {@code command}, ready once its loopback port takes connections, its output in a log file the
 * failures quote, stopped with SIGTERM (then SIGKILL) and started again on the same port, as a
 * restart. A missing binary fails the test, naming the package: {@code .ci/run} installs it.
 */
public final class ServerProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;

    /** {@code command} starts the server listening on 127.0.0.1:{@code port}; its output goes to {@code log}. */
    public ServerProcess(String name, List<String> command, Path log, int port) {
        this.name = name;
        this.command = command;
        this.log = log;
        this.port = port;
    }

    /** The first of {@code paths} that is executable, or an AssertionError saying to install {@code aptPackage}. */
    public static String binary(String aptPackage, String... paths) {
        for (String path : paths) {
            if (Files.isExecutable(Path.of(path))) {
                return path;
            }
        }
        throw new AssertionError(aptPackage + " is not installed: apt-get install " + aptPackage + " (.ci/run does)");
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public ServerProcess start() throws IOException {
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
        return this;
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

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
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
}
