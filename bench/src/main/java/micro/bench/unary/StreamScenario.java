package micro.bench.unary;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import micro.bench.ChildProcess;
import micro.bench.Loopback;
import micro.bench.Options;
import micro.bench.Repo;
import micro.bench.Report;
import micro.bench.Stats;

/**
 * Streams against a unary loop: how many greetings per second one WebSocket stream of the HTTP
 * transport carries from a {@code micro.jar server}, beside the calls per second of one caller
 * calling {@code Say.Hello} in a loop, from the same caller JVM in the same minutes. Reported, no target.
 */
public final class StreamScenario {

    private final Repo repo;
    private final Options options;

    public StreamScenario(Repo repo, Options options) {
        this.repo = repo;
        this.options = options;
    }

    public void run(Report report) throws Exception {
        List<Double> messages = new ArrayList<>();
        List<Double> calls = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < options.rounds(); round++) {
            int port = Loopback.freePort();
            try (ChildProcess server = Peer.MICRO.startServer(repo, port);
                    ChildProcess trial = ChildProcess.javaMain("stream-trial", List.of(), StreamTrial.class.getName(),
                            String.valueOf(port), String.valueOf(options.warmup().toSeconds()),
                            String.valueOf(options.measure().toSeconds()))) {
                long limit = 2 * (options.warmup().toSeconds() + options.measure().toSeconds()) + 60;
                if (!trial.process().waitFor(limit, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the stream trial did not end within " + limit + " s");
                }
                String output = trial.output();
                String line = output.lines().filter(text -> text.startsWith("RESULT ")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("stream trial failed:\n" + output));
                JsonNode result = new ObjectMapper().readTree(line.substring("RESULT ".length()));
                double perSecond = result.get("stream_messages_per_s").asDouble();
                double loop = result.get("unary_calls_per_s").asDouble();
                System.out.printf("stream round %d: %.0f messages/s over one stream, %.0f calls/s in a unary loop%n", round + 1,
                        perSecond, loop);
                messages.add(perSecond);
                calls.add(loop);
                ratios.add(perSecond / loop);
            }
        }
        report.headline("stream_messages_per_s", Stats.median(messages), 0);
        report.headline("stream_vs_unary_loop_ratio", Stats.median(ratios), 2);
        report.section("Streams", "One caller JVM reads `Say.Stream` of " + StreamTrial.COUNT + " small greetings to its end, "
                + "again and again, over the HTTP transport's WebSocket from a `micro.jar server`, then calls `Say.Hello` with "
                + "the same small name in a loop; " + options.warmup().toSeconds() + " s warm-up and " + options.measure().toSeconds()
                + " s measured for each, " + options.rounds() + " rounds, a fresh server each. Reported, no target.",
                List.of("figure", "median", "rounds"),
                List.of(List.of("messages/s over one stream", Stats.fixed(Stats.median(messages), 0), runs(messages)),
                        List.of("calls/s of one unary caller", Stats.fixed(Stats.median(calls), 0), runs(calls)),
                        List.of("stream / unary loop", Stats.fixed(Stats.median(ratios), 2), runs(ratios))));
    }

    private static String runs(List<Double> values) {
        return String.join(", ", values.stream().map(value -> Stats.fixed(value, value < 10 ? 2 : 0)).toList());
    }
}
