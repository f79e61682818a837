package micro.bench.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import micro.bench.Report;
import micro.bench.Stats;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The in-process hot paths under JMH (average time per operation, one fork, short iterations). */
public final class JmhScenario {

    public void run(Report report) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(CodecBenchmark.class.getName())
                .include(SelectorBenchmark.class.getName())
                .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .build()).run();
        List<List<String>> rows = new ArrayList<>();
        java.util.Map<String, Double> scores = new java.util.HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            String services = result.getParams().getParam("services");
            var primary = result.getPrimaryResult();
            scores.put(shortName, primary.getScore());
            rows.add(List.of(shortName, services == null ? "" : services, Stats.fixed(primary.getScore(), 1),
                    Stats.fixed(primary.getScoreError(), 1)));
            if (shortName.equals("SelectorBenchmark.selectCached") && "10000".equals(services)) {
                report.headline("select_10000_services_ns", primary.getScore(), 1);
            }
        }
        // protobuf against JSON on the same greeting, both ways: above 1 protobuf is the faster.
        report.headline("protobuf_encode_speedup_vs_json", scores.get("CodecBenchmark.encode1k")
                / scores.get("CodecBenchmark.protobufEncode1k"), 2);
        report.headline("protobuf_decode_speedup_vs_json", scores.get("CodecBenchmark.decode1k")
                / scores.get("CodecBenchmark.protobufDecode1k"), 2);
        report.section("In-process hot paths (JMH)", "Average time per operation, 1 fork, 3 × 1 s warm-up, 5 × 1 s measured; "
                + "± is JMH's 99.9% error. On 2 shared cores the error is wide: compare orders of magnitude, not digits.",
                List.of("benchmark", "services", "ns/op", "±"), rows);
    }
}
