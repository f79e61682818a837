package micro.karaf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import micro.core.internal.testing.Await;

/**
 * A real Karaf in a folder of its own: fresh data, SSH and JMX on free loopback ports, driven with
 * {@code bin/client -b} as an operator would script it, and stopped with its whole process tree.
 */
final class Karaf implements AutoCloseable {

    record Result(int exit, String output) {
    }

    private final Path home;
    private final int sshPort;
    private final int gatewayPort;
    private final int webPort;
    private Process process;

    private Karaf(Path home, int sshPort, int gatewayPort, int webPort) {
        this.home = home;
        this.sshPort = sshPort;
        this.gatewayPort = gatewayPort;
        this.webPort = webPort;
    }

    /** The URL of the web dashboard (in the assembly's boot features), configured in etc/micro.web.cfg. */
    String web() {
        return "http://127.0.0.1:" + webPort;
    }

    /** The URL the micro gateway answers on, once installed: configured in etc/micro.gateway.cfg. */
    String gateway() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** POSTs JSON to the gateway (or to a full URL) until it answers 200 (it starts after the shell); the last answer. */
    String postUntilOk(String path, String json, Duration timeout) throws IOException, InterruptedException {
        String url = path.startsWith("http") ? path : gateway() + path;
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String[] last = { "" };
        Await.probe("POST " + path + " to answer 200", timeout, Duration.ofMillis(500), () -> {
            java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url)).POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            last[0] = response.statusCode() + " " + response.body();
            return response.statusCode() == 200;
        }, () -> "last answer: " + last[0] + "\nconsole:\n" + consoleOrWhy());
        return last[0].substring(last[0].indexOf(' ') + 1);
    }

    /** GET {@code url} (asking for JSON) until it answers 200; its body. */
    String getUntilOk(String url, Duration timeout) throws IOException, InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String[] last = { "" };
        Await.probe("GET " + url + " to answer 200", timeout, Duration.ofMillis(500), () -> {
            java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .header("Accept", "application/json").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            last[0] = response.statusCode() + " " + response.body();
            return response.statusCode() == 200;
        }, () -> "last answer: " + last[0] + "\nconsole:\n" + consoleOrWhy());
        return last[0].substring(last[0].indexOf(' ') + 1);
    }

    private String consoleOrWhy() {
        try {
            return console();
        } catch (IOException e) {
            return "(no console.log: " + e.getMessage() + ")";
        }
    }

    /** Prepares the Karaf unpacked at {@code home}: fresh data folder, free ports, the karaf user. */
    static Karaf prepare(Path home) throws IOException {
        if (!Files.isDirectory(home.resolve("bin"))) {
            throw new IllegalStateException("no Karaf at " + home + ": run the build through pre-integration-test");
        }
        deleteTree(home.resolve("data"));
        int ssh = freePort();
        edit(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(ssh));
        edit(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshHost", "127.0.0.1");
        edit(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort", String.valueOf(freePort()));
        edit(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort", String.valueOf(freePort()));
        // Our features and bundles from the build's own local repository (its -Dmaven.repo.local too), not ~/.m2's.
        String repository = System.getProperty("maven.repo.local");
        if (repository != null && !repository.isBlank()) {
            edit(home.resolve("etc/org.ops4j.pax.url.mvn.cfg"), "org.ops4j.pax.url.mvn.localRepository", repository);
        }
        Path users = home.resolve("etc/users.properties");
        String text = Files.readString(users).replace("#karaf = karaf,", "karaf = karaf,").replace("#_g_\\:admingroup", "_g_\\:admingroup");
        Files.writeString(users, text);
        int gateway = freePort();
        Files.writeString(home.resolve("etc/micro.gateway.cfg"), "address = 127.0.0.1:" + gateway + "\n");
        int web = freePort();
        Files.writeString(home.resolve("etc/micro.web.cfg"), "address = 127.0.0.1:" + web + "\n");
        return new Karaf(home, ssh, gateway, web);
    }

    void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "bin/karaf", "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("console.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
    }

    /** Runs one shell command through SSH in batch mode. */
    Result run(String command) throws IOException, InterruptedException {
        Path script = Files.createTempFile("karaf-command", ".txt");
        Files.writeString(script, command + "\n");
        Path output = Files.createTempFile("karaf-output", ".txt");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "bin/client", "-u", "karaf", "-p", "karaf", "-h", "127.0.0.1",
                "-a", String.valueOf(sshPort), "-b").directory(home.toFile()).redirectInput(script.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process client = builder.start();
        try {
            if (!client.waitFor(3, TimeUnit.MINUTES)) {
                client.destroyForcibly();
                throw new AssertionError("'" + command + "' did not end within 3 minutes");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "");
            return new Result(client.exitValue(), text);
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(output);
        }
    }

    /**
     * An interactive shell session, as a person at a terminal has it (a pseudo-terminal from
     * {@code script}): what needs a terminal — {@code help}'s pager, Tab completion — works there.
     */
    Terminal terminal() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("script", "-qfc", "sh bin/client -u karaf -p karaf -h 127.0.0.1 -a " + sshPort,
                "/dev/null").directory(home.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return new Terminal(builder.start());
    }

    /** A running interactive session: type into it, wait for what it shows. */
    static final class Terminal implements AutoCloseable {
        private final Process process;
        private final StringBuilder shown = new StringBuilder(); // guarded by itself

        Terminal(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                byte[] chunk = new byte[8192];
                try (java.io.InputStream in = process.getInputStream()) {
                    for (int n; (n = in.read(chunk)) > 0;) {
                        synchronized (shown) {
                            shown.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
                        }
                    }
                } catch (IOException e) {
                    // the session ended
                }
            }, "karaf-terminal");
            reader.setDaemon(true);
            reader.start();
        }

        void type(String keys) throws IOException {
            process.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        /** What the terminal showed so far, without colours and cursor moves. */
        String shown() {
            synchronized (shown) {
                return shown.toString().replaceAll("\u001B\\[[0-9;?]*[a-zA-Z]", "").replace("\r", "");
            }
        }

        /** Waits until the terminal shows {@code expected} (after what it showed before this call). */
        String await(String expected, Duration timeout) {
            int from = shown().length();
            Await.until("the terminal to show '" + expected + "'; it shows:\n" + shown(), timeout,
                    () -> shown().indexOf(expected, Math.min(from, shown().length())) >= 0 || shown().contains(expected));
            return shown();
        }

        @Override
        public void close() throws IOException {
            type("logout\n");
            process.destroy();
        }
    }

    /** Runs {@code command} until its output holds {@code expected}; its last output. */
    String awaitOutput(String command, String expected, Duration timeout) throws IOException, InterruptedException {
        return awaitOutput(command, "print '" + expected + "'", output -> output.contains(expected), timeout);
    }

    /** Runs {@code command} until its output passes {@code test}; {@code described} says what is awaited. */
    String awaitOutput(String command, String described, java.util.function.Predicate<String> test, Duration timeout)
            throws IOException, InterruptedException {
        Result[] last = { new Result(-1, "(not run)") };
        Await.probe("'" + command + "' to " + described, timeout, Duration.ofMillis(500), () -> {
            if (process != null && !process.isAlive()) {
                throw new AssertionError("Karaf died:\n" + console());
            }
            last[0] = run(command);
            return last[0].exit() == 0 && test.test(last[0].output());
        }, () -> "last exit " + last[0].exit() + ", output:\n" + last[0].output() + "\nconsole:\n" + consoleOrWhy());
        return last[0].output();
    }

    String console() throws IOException {
        Path log = home.resolve("console.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                handle.destroyForcibly();
            }
        }
    }

    private static void edit(Path file, String key, String value) throws IOException {
        String text = Files.readString(file);
        String edited = text.replaceAll("(?m)^\\s*#?\\s*" + key + "\\s*=.*$", key + " = " + value);
        if (edited.equals(text) && !text.matches("(?s).*^" + key + " = " + value + "$.*")) {
            edited = text + "\n" + key + " = " + value + "\n";
        }
        Files.writeString(file, edited);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
