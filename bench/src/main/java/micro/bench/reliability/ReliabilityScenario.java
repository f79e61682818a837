package micro.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import micro.bench.ChildProcess;
import micro.bench.Loopback;
import micro.bench.Repo;
import micro.registry.etcd.internal.EtcdServer;

/**
 * Scenario "reliability": the operator's faults at full load. Three micro.jar hosts on a real etcd
 * (A: gateway and greeter; B, C: greeters), sixteen keep-alive callers through A's gateway, and one
 * event after another, each measured on its own: calls made, calls failed, p99 and max latency.
 * Writes bench/results/reliability.md; the zero-failure half of each event is also a test
 * ({@code EtcdAcrossHostsIT}, {@code TransportBundleRestartIT}, {@code ZeroDowntimeInKarafIT}).
 */
public final class ReliabilityScenario {

    private static final int CALLERS = 16;
    private static final String TTL = "5";
    private static final String INTERVAL = "2";

    private final Repo repo;

    public ReliabilityScenario(Repo repo) {
        this.repo = repo;
    }

    public void run() throws Exception {
        Path data = Files.createTempDirectory("micro-bench-reliability");
        List<Window.Result> results = new ArrayList<>();
        try (EtcdServer etcd = EtcdServer.start(data.resolve("etcd"))) {
            int api = Loopback.freePort();
            Host a = Host.start(repo, "A", etcd.endpoint(), api, true);
            Host b = Host.start(repo, "B", etcd.endpoint(), Loopback.freePort(), true);
            Host c = Host.start(repo, "C", etcd.endpoint(), Loopback.freePort(), true);
            try (Callers callers = new Callers(CALLERS, "http://127.0.0.1:" + api + "/greeter/say/hello")) {
                // 30 s: on two cores C2 needs that long before the steady window means anything.
                callers.window("warm-up (not reported)", Duration.ofSeconds(30), () -> { });
                results.add(callers.window("steady load, no event", Duration.ofSeconds(15), () -> { }));
                results.add(callers.window("SIGTERM of greeter host C, then C started again", Duration.ofSeconds(20), () -> {
                    c.stop();
                    c.restart();
                }));
                results.add(callers.window("kill -9 of greeter host B, then B started again", Duration.ofSeconds(20), () -> {
                    b.kill();
                    b.restart();
                }));
                results.add(callers.window("etcd frozen (kill -STOP) for 15 s = 3x the TTL, then resumed", Duration.ofSeconds(30), () -> {
                    etcd.freeze();
                    Pause.of(Duration.ofSeconds(15));
                    etcd.thaw();
                }));
                results.add(callers.window("etcd stopped and started again", Duration.ofSeconds(20), () -> {
                    etcd.stop();
                    etcd.start();
                }));
            } finally {
                c.close();
                b.close();
                a.close();
            }
        } finally {
            micro.bench.boot.Trees.delete(data);
        }
        write(results);
    }

    private void write(List<Window.Result> results) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Reliability: faults at full load\n\n");
        md.append("Written by `bench/run --only reliability` on ").append(Instant.now()).append(" (")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(Runtime.version())
                .append(").\n\n");
        md.append("Three `micro.jar` hosts on one real etcd (A: gateway and greeter; B, C: greeters; register TTL ")
                .append(TTL).append(" s, interval ").append(INTERVAL).append(" s) and ").append(CALLERS)
                .append(" keep-alive callers posting to A's gateway (`/greeter/say/hello`) as fast as they are answered. ")
                .append("Each row is one window: the event happens at its start, and the window runs on until its ")
                .append("length is over. A failed call is any answer but a 200.\n\n");
        md.append("| event | window s | calls | failed | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        for (Window.Result result : results) {
            md.append("| ").append(result.event()).append(" | ").append(result.seconds()).append(" | ").append(result.calls())
                    .append(" | ").append(result.failed()).append(" | ").append(String.format("%.1f", result.p99Millis()))
                    .append(" | ").append(String.format("%.1f", result.maxMillis())).append(" |\n");
        }
        md.append("\nFirst failures of each window, if any:\n\n");
        for (Window.Result result : results) {
            for (String failure : result.firstFailures()) {
                md.append("- ").append(result.event()).append(": `").append(failure.replace('`', '\'')).append("`\n");
            }
        }
        Path file = repo.results().resolve("reliability.md");
        Files.writeString(file, md.toString());
        System.out.println("wrote " + file);
    }

    /** One micro.jar host of the scenario, which can be stopped, killed and started again on the same ports. */
    private static final class Host implements AutoCloseable {
        private final Repo repo;
        private final String name;
        private final List<String> command;
        private final int cli;
        private ChildProcess process;

        private Host(Repo repo, String name, List<String> command, int cli) {
            this.repo = repo;
            this.name = name;
            this.command = command;
            this.cli = cli;
        }

        static Host start(Repo repo, String name, String etcd, int api, boolean greeter) throws Exception {
            int cli = Loopback.freePort();
            List<String> command = List.of(ChildProcess.javaBinary(), "-jar", repo.microJar().toString(), "server",
                    "--registry", "etcd", "--registry_address", etcd, "--register_ttl", TTL, "--register_interval", INTERVAL,
                    "--api_address", "127.0.0.1:" + api, "--cli_address", "127.0.0.1:" + cli, "--greeter=" + greeter,
                    "--log_level", "warn");
            Host host = new Host(repo, name, command, cli);
            host.restart();
            return host;
        }

        void restart() throws Exception {
            process = ChildProcess.start("reliability-host-" + name, command, null).awaitPort(cli, Duration.ofSeconds(60));
        }

        /** SIGTERM, and wait for the host's own clean stop (deregister, drain, close). */
        void stop() throws InterruptedException {
            process.process().destroy();
            process.process().waitFor();
        }

        void kill() throws InterruptedException {
            process.process().destroyForcibly().waitFor();
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null) {
                process.close();
            }
        }
    }
}
