package micro.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Runs micro.jar as separate processes, the way a user does from two terminals. */
final class Processes {

    record Result(int exit, String out, String err) {
    }

    private Processes() {
    }

    static Path microJar() {
        return Path.of(System.getProperty("micro.jar", "../target/micro.jar"));
    }

    static List<String> java(String... args) {
        return javaWith(List.of(), args);
    }

    /** {@code java JVM-OPTIONS -jar micro.jar ARGS}, e.g. with a small heap. */
    static List<String> javaWith(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(microJar().toString());
        command.addAll(List.of(args));
        // Several hosts run at once in a test: the web dashboard of each takes a free port, not 8082.
        if (command.contains("server") && !command.contains("--web_address")) {
            command.add(command.indexOf("server") + 1, "--web_address");
            command.add(command.indexOf("server") + 2, "127.0.0.1:0");
        }
        return command;
    }

    /** Runs {@code micro.jar ARGS} to its end (at most a minute) and collects its output. */
    static Result run(String... args) throws IOException, InterruptedException {
        return runCommand(java(args), java.util.Map.of());
    }

    /** Runs {@code command} with {@code environment} added, to its end (at most a minute), and collects its output. */
    static Result runCommand(List<String> command, java.util.Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String[] args = command.toArray(String[]::new);
        Collector out = Collector.of(process.getInputStream());
        Collector err = Collector.of(process.getErrorStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("micro.jar " + String.join(" ", args) + " did not end within a minute");
        }
        out.thread.join(5000);
        err.thread.join(5000);
        return new Result(process.exitValue(), out.text(), err.text());
    }

    /** {@link #run}'s output, for a failure message; never throws. */
    static String runQuietly(String... args) {
        try {
            Result result = run(args);
            return result.out() + result.err();
        } catch (Exception e) {
            return "(" + e + ")";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        micro.core.internal.testing.Await.until(what, timeout, condition);
    }

    /** Reads a stream to its end on a thread of its own; its text so far can be read at any time. */
    static final class Collector {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Thread thread;

        static Collector of(InputStream in) {
            Collector collector = new Collector();
            collector.thread = new Thread(() -> {
                byte[] chunk = new byte[8192];
                try {
                    for (int n; (n = in.read(chunk)) > 0;) {
                        synchronized (collector.buffer) {
                            collector.buffer.write(chunk, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "collector");
            collector.thread.setDaemon(true);
            collector.thread.start();
            return collector;
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }

        void join() throws InterruptedException {
            thread.join(10_000);
        }
    }
}
