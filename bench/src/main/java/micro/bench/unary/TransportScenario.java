package micro.bench.unary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import micro.bench.ChildProcess;
import micro.bench.Loopback;
import micro.bench.Options;
import micro.bench.Repo;
import micro.bench.Report;
import micro.bench.Stats;

/**
 * The unary greeting over micro's two network transports in the same run: the greeter node of
 * {@code micro.jar server} on HTTP, and on NATS ({@code --transport nats}, through a local
 * nats-server), each called by micro's client in a fresh JVM; rounds alternate the order, and the
 * ratio NATS / HTTP is taken per round.
 */
public final class TransportScenario {

    private static final Pattern SUBJECT = Pattern.compile("transport  nats on (micro\\.node\\.\\S+)");

    private final Repo repo;
    private final Options options;
    private final TrialRunner trials;

    public TransportScenario(Repo repo, Options options) {
        this.repo = repo;
        this.options = options;
        this.trials = new TrialRunner(options);
    }

    public void run(Report report) throws Exception {
        int natsPort = Loopback.freePort();
        String nats = "127.0.0.1:" + natsPort;
        List<List<String>> rows = new ArrayList<>();
        try (ChildProcess natsServer = ChildProcess.start("nats-server", List.of(natsBinary(), "-a", "127.0.0.1", "-p",
                String.valueOf(natsPort)), null).awaitPort(natsPort, Duration.ofSeconds(30))) {
            for (int callers : options.callers()) {
                List<Double> throughput = new ArrayList<>();
                List<Double> httpP50 = new ArrayList<>();
                List<Double> natsP50 = new ArrayList<>();
                List<Double> httpCpu = new ArrayList<>();
                List<Double> natsCpu = new ArrayList<>();
                for (int round = 0; round < options.rounds(); round++) {
                    boolean httpFirst = round % 2 == 0;
                    UnaryScenario.Run first = httpFirst ? overHttp(callers) : overNats(nats, callers);
                    UnaryScenario.Run second = httpFirst ? overNats(nats, callers) : overHttp(callers);
                    UnaryScenario.Run http = httpFirst ? first : second;
                    UnaryScenario.Run onNats = httpFirst ? second : first;
                    System.out.printf("transport %2d callers round %d: http %8.0f calls/s p50 %5.0f us server CPU %.1f us/call, "
                            + "nats %8.0f calls/s p50 %5.0f us server CPU %.1f us/call%n", callers, round + 1, http.callsPerSecond(),
                            http.p50Micros(), http.serverCpuMicros(), onNats.callsPerSecond(), onNats.p50Micros(), onNats.serverCpuMicros());
                    throughput.add(onNats.callsPerSecond() / http.callsPerSecond());
                    httpP50.add(http.p50Micros());
                    natsP50.add(onNats.p50Micros());
                    httpCpu.add(http.serverCpuMicros());
                    natsCpu.add(onNats.serverCpuMicros());
                }
                double ratio = Stats.median(throughput);
                report.headline("unary_" + callers + "_nats_throughput_ratio_vs_http", ratio, 3);
                rows.add(List.of(String.valueOf(callers), Stats.fixed(ratio, 2), Stats.fixed(Stats.median(httpP50), 0),
                        Stats.fixed(Stats.median(natsP50), 0), Stats.fixed(Stats.median(httpCpu), 1),
                        Stats.fixed(Stats.median(natsCpu), 1)));
            }
        }
        report.section("Unary RPC: the NATS transport against the HTTP transport",
                "The 1 KB greeting from micro's client to `micro.jar server`'s greeter, over HTTP and over NATS (a local "
                        + "nats-server 2 between them), " + options.warmup().toSeconds() + " s warm-up, "
                        + options.measure().toSeconds() + " s measured, " + options.rounds() + " rounds, order alternating. "
                        + "Ratio: NATS calls/s over HTTP calls/s, per round, median. Server CPU: the micro.jar process's "
                        + "(nats-server's own is not counted).",
                List.of("callers", "throughput nats / http", "http p50 µs", "nats p50 µs", "http server CPU µs per call",
                        "nats server CPU µs per call"), rows);
    }

    private UnaryScenario.Run overHttp(int callers) throws IOException, InterruptedException {
        int port = Loopback.freePort();
        try (ChildProcess server = microServer(List.of("--server_address", "127.0.0.1:" + port)).awaitPort(port,
                Duration.ofSeconds(60))) {
            return trials.run("micro", String.valueOf(port), callers, server);
        }
    }

    private UnaryScenario.Run overNats(String nats, int callers) throws IOException, InterruptedException {
        try (ChildProcess server = microServer(List.of("--transport", "nats", "--transport_address", nats))) {
            String subject = awaitSubject(server);
            return trials.run("micro-nats", nats + "/" + subject, callers, server);
        }
    }

    private ChildProcess microServer(List<String> transport) throws IOException {
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaBinary(), "-jar", repo.microJar().toString(), "server",
                "--web_address", "127.0.0.1:0", "--api_address", "127.0.0.1:" + Loopback.freePort(), "--cli_address",
                "127.0.0.1:" + Loopback.freePort()));
        command.addAll(transport);
        return ChildProcess.start("micro-server", command, null);
    }

    /** The subject the greeter node listens on, from the host's banner. */
    private static String awaitSubject(ChildProcess server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && server.process().isAlive()) {
            Matcher subject = SUBJECT.matcher(server.output());
            if (subject.find()) {
                return subject.group(1);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new IllegalStateException("micro.jar did not listen on NATS:\n" + server.output());
    }

    private static String natsBinary() {
        for (String path : List.of("/usr/sbin/nats-server", "/usr/bin/nats-server")) {
            if (Files.isExecutable(Path.of(path))) {
                return path;
            }
        }
        throw new IllegalStateException("nats-server is not installed: apt-get install nats-server (bench/run does)");
    }
}
