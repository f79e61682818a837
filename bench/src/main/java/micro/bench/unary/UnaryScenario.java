package micro.bench.unary;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import micro.bench.ChildProcess;
import micro.bench.Loopback;
import micro.bench.Options;
import micro.bench.Repo;
import micro.bench.Report;
import micro.bench.Stats;

/**
 * Scenario 1: the 1 KB greeting at 1, 16 and 64 concurrent callers over loopback, for micro (client →
 * HTTP transport → micro.jar's greeter), gRPC-java and the bare Jetty floor. Every run gets a fresh
 * server and a fresh caller JVM; rounds rotate the order of the peers, and ratios are taken per round.
 */
public final class UnaryScenario {

    /** One measured run of one peer. */
    record Run(double callsPerSecond, double p50Micros, double p99Micros, double serverRssMib) {
    }

    private final Repo repo;
    private final Options options;

    public UnaryScenario(Repo repo, Options options) {
        this.repo = repo;
        this.options = options;
    }

    public void run(Report report) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> ratioRows = new ArrayList<>();
        for (int callers : options.callers()) {
            Map<Peer, List<Run>> runs = new EnumMap<>(Peer.class);
            List<Double> throughputVsGrpc = new ArrayList<>();
            List<Double> p99VsGrpc = new ArrayList<>();
            List<Double> throughputVsFloor = new ArrayList<>();
            for (int round = 0; round < options.rounds(); round++) {
                Map<Peer, Run> thisRound = new EnumMap<>(Peer.class);
                for (Peer peer : rotated(round)) {
                    Run run = measure(peer, callers);
                    System.out.printf("unary %-5s %2d callers round %d: %8.0f calls/s  p50 %6.0f us  p99 %6.0f us  server RSS %.0f MiB%n",
                            peer.label, callers, round + 1, run.callsPerSecond(), run.p50Micros(), run.p99Micros(), run.serverRssMib());
                    thisRound.put(peer, run);
                    runs.computeIfAbsent(peer, key -> new ArrayList<>()).add(run);
                }
                Run micro = thisRound.get(Peer.MICRO);
                throughputVsGrpc.add(micro.callsPerSecond() / thisRound.get(Peer.GRPC).callsPerSecond());
                p99VsGrpc.add(micro.p99Micros() / thisRound.get(Peer.GRPC).p99Micros());
                throughputVsFloor.add(micro.callsPerSecond() / thisRound.get(Peer.FLOOR).callsPerSecond());
            }
            for (Peer peer : Peer.values()) {
                List<Run> peerRuns = runs.get(peer);
                rows.add(List.of(String.valueOf(callers), peer.label,
                        Stats.fixed(Stats.median(peerRuns.stream().map(Run::callsPerSecond).toList()), 0),
                        Stats.fixed(Stats.median(peerRuns.stream().map(Run::p50Micros).toList()), 0),
                        Stats.fixed(Stats.median(peerRuns.stream().map(Run::p99Micros).toList()), 0),
                        Stats.fixed(Stats.median(peerRuns.stream().map(Run::serverRssMib).toList()), 0)));
            }
            double vsGrpc = Stats.median(throughputVsGrpc);
            double p99 = Stats.median(p99VsGrpc);
            double vsFloor = Stats.median(throughputVsFloor);
            ratioRows.add(List.of(String.valueOf(callers), Stats.fixed(vsGrpc, 2), Stats.fixed(p99, 2), Stats.fixed(vsFloor, 2)));
            report.headline("unary_" + callers + "_throughput_ratio_vs_grpc", vsGrpc, 3);
            report.headline("unary_" + callers + "_p99_ratio_vs_grpc", p99, 3);
            report.headline("unary_" + callers + "_throughput_ratio_vs_floor", vsFloor, 3);
        }
        String setup = "1 KB JSON greeting (`Say.Hello` of a 1,000-character name) over loopback; " + options.warmup().toSeconds()
                + " s warm-up, " + options.measure().toSeconds() + " s measured, " + options.rounds()
                + " rounds; each run in a fresh server JVM and a fresh caller JVM on the same 2 cores. "
                + "micro = DefaultClient → HTTP transport → `micro.jar server` (the greeter); grpc = gRPC-java "
                + "1.85 Netty, blocking calls on one channel, protobuf; floor = bare Jetty 12 handler + Jackson, called "
                + "with the same Jetty HttpClient.";
        report.section("Unary RPC", setup, List.of("callers", "peer", "calls/s", "p50 µs", "p99 µs", "server peak RSS MiB"), rows);
        report.section("Unary RPC: micro as a ratio of its peers",
                "Per-round ratios, median. Throughput: higher is better, ≥ 1.0 is the target against gRPC. "
                        + "p99: lower is better, ≤ 1.0 is the target.",
                List.of("callers", "throughput vs grpc", "p99 vs grpc", "throughput vs floor"), ratioRows);
    }

    private List<Peer> rotated(int round) {
        List<Peer> order = new ArrayList<>(List.of(Peer.values()));
        java.util.Collections.rotate(order, round);
        return order;
    }

    private Run measure(Peer peer, int callers) throws IOException, InterruptedException {
        int port = Loopback.freePort();
        try (ChildProcess server = peer.startServer(repo, port);
                ChildProcess trial = ChildProcess.javaMain("unary-trial", List.of(), UnaryTrial.class.getName(), peer.label,
                        String.valueOf(port), String.valueOf(callers), String.valueOf(options.warmup().toSeconds()),
                        String.valueOf(options.measure().toSeconds()))) {
            Duration limit = options.warmup().plus(options.measure()).plusSeconds(60);
            if (!trial.process().waitFor(limit.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException(peer.label + " trial did not end within " + limit.toSeconds() + " s");
            }
            String output = trial.output();
            String line = output.lines().filter(text -> text.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(peer.label + " trial failed:\n" + output + "\nserver:\n" + serverOutput(server)));
            JsonNode result = new ObjectMapper().readTree(line.substring("RESULT ".length()));
            return new Run(result.get("calls_per_s").asDouble(), result.get("p50_us").asDouble(), result.get("p99_us").asDouble(),
                    server.peakRssMib());
        }
    }

    private static String serverOutput(ChildProcess server) {
        try {
            return server.output();
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
