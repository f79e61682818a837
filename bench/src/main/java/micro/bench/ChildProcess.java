package micro.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A process the harness starts (a JVM, nginx, Karaf), with its output in a log file, stopped with its children. */
public final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** {@code java [jvmArgs] -cp <this class path> mainClass args}. */
    public static ChildProcess javaMain(String name, List<String> jvmArgs, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return start(name, command, null);
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static ChildProcess start(String name, List<String> command, File directory) throws IOException {
        return start(name, command, directory, java.util.Map.of());
    }

    /** As {@link #start(String, List, File)}, with {@code environment} added to this process's. */
    public static ChildProcess start(String name, List<String> command, File directory, java.util.Map<String, String> environment)
            throws IOException {
        Path log = Files.createTempFile("micro-bench-" + name.replaceAll("[^a-z0-9]+", "-"), ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (directory != null) {
            builder.directory(directory);
        }
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder.start(), log);
    }

    public Process process() {
        return process;
    }

    /** Waits for the port, or fails with the process's output. */
    public ChildProcess awaitPort(int port, Duration timeout) throws IOException, InterruptedException {
        if (!Loopback.awaitListening(port, timeout, process)) {
            String output = output();
            close();
            throw new IllegalStateException(name + " did not listen on " + port + " within " + timeout.toSeconds() + " s:\n" + output);
        }
        return this;
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** Peak resident memory of the process (VmHWM) in MiB, or -1 where /proc does not tell. */
    public double peakRssMib() {
        return statusMib("VmHWM:");
    }

    /** Resident memory of the process now (VmRSS) in MiB, or -1 where /proc does not tell. */
    public double rssMib() {
        return statusMib("VmRSS:");
    }

    /** Threads of the process now, or -1 where /proc does not tell. */
    public long threads() {
        return statusValue("Threads:");
    }

    private double statusMib(String field) {
        long kib = statusValue(field);
        return kib < 0 ? -1 : kib / 1024.0;
    }

    /** The number a {@code /proc/PID/status} line holds (kB for memory), or -1. */
    private long statusValue(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                handle.destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
