package micro.bench.karaf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import micro.bench.ChildProcess;
import micro.bench.Loopback;
import micro.bench.Trees;

/**
 * A copy of the micro Karaf assembly in a folder of its own, so a run never touches the build's: started
 * on free loopback ports with a fresh data folder, and driven with {@code bin/client -b} as an operator
 * scripts it.
 */
public final class KarafHome implements AutoCloseable {

    private final Path home;
    private int sshPort;

    private KarafHome(Path home) {
        this.home = home;
    }

    public static KarafHome copyOf(Path assembly) throws IOException {
        Path target = Files.createTempDirectory("micro-bench-karaf");
        try (Stream<Path> files = Files.walk(assembly)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(assembly.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new KarafHome(target);
    }

    public Path home() {
        return home;
    }

    /**
     * Makes the next start a first start: an empty data folder (features resolve from scratch), SSH and
     * JMX on free loopback ports, the gateway on {@code gatewayPort}, and the {@code karaf} user that
     * {@link #run} logs in as.
     */
    public void reset(int gatewayPort) throws IOException {
        Trees.delete(home.resolve("data"));
        sshPort = Loopback.freePort();
        set("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(sshPort));
        set("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1");
        set("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(Loopback.freePort()));
        set("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(Loopback.freePort()));
        Files.writeString(home.resolve("etc/micro.gateway.cfg"), "address = 127.0.0.1:" + gatewayPort + "\n");
        Files.writeString(home.resolve("etc/micro.web.cfg"), "address = 127.0.0.1:" + Loopback.freePort() + "\n");
        Path users = home.resolve("etc/users.properties");
        Files.writeString(users, Files.readString(users).replace("#karaf = karaf,", "karaf = karaf,")
                .replace("#_g_\\:admingroup", "_g_\\:admingroup"));
    }

    /** {@code bin/karaf server}: no local console, output to the process's log. */
    public ChildProcess start(String name) throws IOException {
        return ChildProcess.start(name, List.of("/bin/sh", "bin/karaf", "server"), home.toFile());
    }

    /** Waits until the shell takes SSH logins (it comes up after the framework). */
    public void awaitShell(ChildProcess karaf, Duration timeout) throws IOException, InterruptedException {
        karaf.awaitPort(sshPort, timeout);
    }

    /** Runs one shell command through {@code bin/client} in batch mode; its output, or why it failed. */
    public String run(String command) throws IOException, InterruptedException {
        Path script = Files.createTempFile("micro-bench-karaf-command", ".txt");
        Path output = Files.createTempFile("micro-bench-karaf-output", ".txt");
        try {
            Files.writeString(script, command + "\n");
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "bin/client", "-u", "karaf", "-p", "karaf", "-h",
                    "127.0.0.1", "-a", String.valueOf(sshPort), "-b").directory(home.toFile()).redirectInput(script.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process client = builder.start();
            if (!client.waitFor(2, TimeUnit.MINUTES)) {
                client.destroyForcibly();
                throw new IllegalStateException("'" + command + "' did not end within 2 minutes");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "");
            if (client.exitValue() != 0 || text.contains("Error executing command")) {
                throw new IllegalStateException("'" + command + "' failed (exit " + client.exitValue() + "):\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(output);
        }
    }

    private void set(String file, String key, String value) throws IOException {
        Path path = home.resolve(file);
        String text = Files.readString(path);
        String edited = text.replaceAll("(?m)^\\s*#?\\s*" + key + "\\s*=.*$", key + " = " + value);
        if (!edited.contains(key + " = " + value)) {
            edited = text + "\n" + key + " = " + value + "\n";
        }
        Files.writeString(path, edited);
    }

    @Override
    public void close() throws IOException {
        Trees.delete(home);
    }
}
