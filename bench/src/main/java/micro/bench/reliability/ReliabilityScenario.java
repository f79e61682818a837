package micro.bench.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import micro.bench.Repo;
import micro.bench.Trees;

/**
 * Scenario "reliability": the operator's faults and hot swaps at full load, sixteen keep-alive callers
 * through a gateway, each event measured on its own: calls made, calls failed, p99 and max latency.
 * Writes bench/results/reliability.md; the zero-failure half of each event is also a test
 * ({@code EtcdAcrossHostsIT}, {@code TransportBundleRestartIT}, {@code HotSwapIT},
 * {@code ZeroDowntimeInKarafIT}).
 */
public final class ReliabilityScenario {

    static final int CALLERS = 16;
    static final String PATH = "/greeter/say/hello";
    static final String BODY = "{\"name\":\"John\"}";

    private final Repo repo;

    public ReliabilityScenario(Repo repo) {
        this.repo = repo;
    }

    public void run() throws Exception {
        Path data = Files.createTempDirectory("micro-bench-reliability");
        try {
            write(List.of(HostFaults.run(repo, data), ClusterFaults.run(repo, data), KarafFaults.run(repo, data)));
        } finally {
            Trees.delete(data);
        }
    }

    private void write(List<Part> parts) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Reliability: faults and hot swaps at full load\n\n");
        md.append("Written by `bench/run --only reliability` on ").append(Instant.now()).append(" (")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(Runtime.version())
                .append(").\n\n");
        md.append(CALLERS).append(" keep-alive callers post `").append(BODY).append("` to a gateway's `").append(PATH)
                .append("` as fast as they are answered. Each row is one window: the event happens at its start, and ")
                .append("the window runs on until its length is over (longer when the event itself takes longer). ")
                .append("A failed call is any answer but a 200.\n");
        for (Part part : parts) {
            md.append("\n## ").append(part.title()).append("\n\n").append(part.setup()).append("\n\n");
            md.append("| event | window s | calls | failed | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
            for (Window.Result result : part.windows()) {
                md.append("| ").append(result.event()).append(" | ").append(result.seconds()).append(" | ")
                        .append(result.calls()).append(" | ").append(result.failed()).append(" | ")
                        .append(String.format("%.1f", result.p99Millis())).append(" | ")
                        .append(String.format("%.1f", result.maxMillis())).append(" |\n");
            }
            for (Window.Result result : part.windows()) {
                for (String failure : result.firstFailures()) {
                    md.append("\n- failed in \"").append(result.event()).append("\": `").append(failure.replace('`', '\''))
                            .append("`");
                }
            }
            md.append("\n");
        }
        Path file = repo.results().resolve("reliability.md");
        Files.writeString(file, md.toString());
        System.out.println("wrote " + file);
    }
}
