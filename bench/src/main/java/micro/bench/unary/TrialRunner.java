package micro.bench.unary;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import micro.bench.ChildProcess;
import micro.bench.Options;

/** Runs one {@link UnaryTrial} in a caller JVM of its own against a running server, and reads its outcome. */
final class TrialRunner {

    private final Options options;

    TrialRunner(Options options) {
        this.options = options;
    }

    UnaryScenario.Run run(String peer, String target, int callers, ChildProcess server) throws IOException, InterruptedException {
        try (ChildProcess trial = ChildProcess.javaMain(peer + "-trial", List.of(), UnaryTrial.class.getName(), peer, target,
                String.valueOf(callers), String.valueOf(options.warmup().toSeconds()), String.valueOf(options.measure().toSeconds()),
                String.valueOf(server.process().pid()))) {
            Duration limit = options.warmup().plus(options.measure()).plusSeconds(60);
            if (!trial.process().waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(peer + " trial did not end within " + limit.toSeconds() + " s");
            }
            String output = trial.output();
            String line = output.lines().filter(text -> text.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(peer + " trial failed:\n" + output + "\nserver:\n" + outputOf(server)));
            JsonNode result = new ObjectMapper().readTree(line.substring("RESULT ".length()));
            return new UnaryScenario.Run(result.get("calls_per_s").asDouble(), result.get("p50_us").asDouble(),
                    result.get("p99_us").asDouble(), server.peakRssMib(), result.get("server_cpu_us_per_call").asDouble(),
                    result.get("caller_cpu_us_per_call").asDouble());
        }
    }

    private static String outputOf(ChildProcess server) {
        try {
            return server.output();
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
