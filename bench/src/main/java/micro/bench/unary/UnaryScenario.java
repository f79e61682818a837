package micro.bench.unary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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

    /** One measured run of one peer; CPU in µs per call, of the server process and of the caller process. */
    record Run(double callsPerSecond, double p50Micros, double p99Micros, double serverRssMib, double serverCpuMicros,
            double callerCpuMicros) {
    }

    private final Repo repo;
    private final Options options;
    private final TrialRunner trials;

    public UnaryScenario(Repo repo, Options options) {
        this.repo = repo;
        this.options = options;
        this.trials = new TrialRunner(options);
    }

    public void run(Report report) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> ratioRows = new ArrayList<>();
        for (int callers : options.callers()) {
            Map<Peer, List<Run>> runs = new EnumMap<>(Peer.class);
            List<Double> throughputVsGrpc = new ArrayList<>();
            List<Double> p99VsGrpc = new ArrayList<>();
            List<Double> throughputVsFloor = new ArrayList<>();
            List<Double> serverCpuVsGrpc = new ArrayList<>();
            for (int round = 0; round < options.rounds(); round++) {
                Map<Peer, Run> thisRound = new EnumMap<>(Peer.class);
                for (Peer peer : rotated(round)) {
                    Run run = measure(peer, callers);
                    System.out.printf("unary %-5s %2d callers round %d: %8.0f calls/s  p50 %6.0f us  p99 %6.0f us  server RSS %.0f MiB"
                            + "  CPU per call: server %.1f us, caller %.1f us%n", peer.label, callers, round + 1, run.callsPerSecond(),
                            run.p50Micros(), run.p99Micros(), run.serverRssMib(), run.serverCpuMicros(), run.callerCpuMicros());
                    thisRound.put(peer, run);
                    runs.computeIfAbsent(peer, key -> new ArrayList<>()).add(run);
                }
                Run micro = thisRound.get(Peer.MICRO);
                throughputVsGrpc.add(micro.callsPerSecond() / thisRound.get(Peer.GRPC).callsPerSecond());
                p99VsGrpc.add(micro.p99Micros() / thisRound.get(Peer.GRPC).p99Micros());
                throughputVsFloor.add(micro.callsPerSecond() / thisRound.get(Peer.FLOOR).callsPerSecond());
                serverCpuVsGrpc.add(micro.serverCpuMicros() / thisRound.get(Peer.GRPC).serverCpuMicros());
            }
            for (Peer peer : Peer.values()) {
                List<Run> peerRuns = runs.get(peer);
                rows.add(List.of(String.valueOf(callers), peer.label,
                        Stats.fixed(Stats.median(peerRuns.stream().map(Run::callsPerSecond).toList()), 0),
                        Stats.fixed(Stats.median(peerRuns.stream().map(Run::p50Micros).toList()), 0),
                        Stats.fixed(Stats.median(peerRuns.stream().map(Run::p99Micros).toList()), 0),
                        Stats.fixed(Stats.median(peerRuns.stream().map(Run::serverRssMib).toList()), 0),
                        Stats.fixed(Stats.median(peerRuns.stream().map(Run::serverCpuMicros).toList()), 1),
                        Stats.fixed(Stats.median(peerRuns.stream().map(Run::callerCpuMicros).toList()), 1)));
                if (peer == Peer.MICRO) {
                    report.headline("unary_" + callers + "_server_cpu_us_per_call",
                            Stats.median(peerRuns.stream().map(Run::serverCpuMicros).toList()), 1);
                }
            }
            double vsGrpc = Stats.median(throughputVsGrpc);
            double p99 = Stats.median(p99VsGrpc);
            double vsFloor = Stats.median(throughputVsFloor);
            double cpuVsGrpc = Stats.median(serverCpuVsGrpc);
            ratioRows.add(List.of(String.valueOf(callers), Stats.fixed(vsGrpc, 2), Stats.fixed(p99, 2), Stats.fixed(vsFloor, 2),
                    Stats.fixed(cpuVsGrpc, 2)));
            report.headline("unary_" + callers + "_throughput_ratio_vs_grpc", vsGrpc, 3);
            report.headline("unary_" + callers + "_p99_ratio_vs_grpc", p99, 3);
            report.headline("unary_" + callers + "_throughput_ratio_vs_floor", vsFloor, 3);
            report.headline("unary_" + callers + "_cpu_ratio_vs_grpc", cpuVsGrpc, 3);
        }
        String setup = "1 KB JSON greeting (`Say.Hello` of a 1,000-character name) over loopback; " + options.warmup().toSeconds()
                + " s warm-up, " + options.measure().toSeconds() + " s measured, " + options.rounds()
                + " rounds; each run in a fresh server JVM and a fresh caller JVM on the same 2 cores. "
                + "micro = DefaultClient → HTTP transport → `micro.jar server` (the greeter); grpc = gRPC-java "
                + "1.85 Netty, blocking calls on one channel, protobuf; floor = bare Jetty 12 handler + Jackson, called "
                + "with Jetty's HttpClient set up as micro's transport had it until changes.md 21 (micro's client has "
                + "been leaner than the floor's since).";
        report.section("Unary RPC", setup, List.of("callers", "peer", "calls/s", "p50 µs", "p99 µs", "server peak RSS MiB",
                "server CPU µs per call", "caller CPU µs per call"), rows);
        report.section("Unary RPC: micro as a ratio of its peers",
                "Per-round ratios, median. Throughput: higher is better, ≥ 1.0 is the target against gRPC. "
                        + "p99: lower is better, ≤ 1.0 is the target. Server CPU per call: lower is better.",
                List.of("callers", "throughput vs grpc", "p99 vs grpc", "throughput vs floor", "server CPU per call vs grpc"), ratioRows);
    }

    private List<Peer> rotated(int round) {
        List<Peer> order = new ArrayList<>(List.of(Peer.values()));
        java.util.Collections.rotate(order, round);
        return order;
    }

    private Run measure(Peer peer, int callers) throws IOException, InterruptedException {
        int port = Loopback.freePort();
        try (ChildProcess server = peer.startServer(repo, port)) {
            return trials.run(peer.label, String.valueOf(port), callers, server);
        }
    }
}
