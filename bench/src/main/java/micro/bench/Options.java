package micro.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The harness's command line; {@code --help} prints it. */
public record Options(Set<String> scenarios, int rounds, Duration warmup, Duration measure, List<Integer> callers,
        int bootRuns, Duration soak, boolean quick) {

    public static final List<String> SCENARIOS = List.of("unary", "transport", "streams", "gateway", "discovery", "boot", "jmh", "web");
    /** Run only when asked for: minutes of faults at full load, written to bench/results/reliability.md. */
    public static final List<String> ON_DEMAND = List.of("reliability");

    static final String USAGE = """
            Usage: bench/run [options]
              --only LIST      scenarios to run, comma separated: %s (default: all), or reliability
              --rounds N       alternating rounds per comparison; ratios are medians over them (default 3)
              --warmup S       seconds of unmeasured load before each measurement (default 30: C2 needs that long on 2 cores)
              --measure S      seconds measured per run (default 5)
              --callers LIST   concurrent callers of the unary scenario (default 1,16,64)
              --boot-runs N    starts measured per host in the boot scenario (default 3)
              --soak MINUTES   minutes of load on the one-host gateway to see its heap after GC stay flat (default 10; 0 skips it)
              --quick          one round of 2 s warm-up and 3 s measurement: a smoke run, not a result
            A run of every scenario writes bench/results/latest.md and latest.json; a --quick or --only run
            writes bench/results/partial.md and partial.json, so it never replaces the latest full result.""".formatted(String.join(",", SCENARIOS));

    public static Options parse(String[] args) {
        Set<String> scenarios = new LinkedHashSet<>(SCENARIOS);
        int rounds = 3;
        long warmup = 30;
        long measure = 5;
        List<Integer> callers = List.of(1, 16, 64);
        int bootRuns = 3;
        long soak = 10;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--only" -> {
                    scenarios = new LinkedHashSet<>(Arrays.asList(value(args, ++i, arg).split(",")));
                    for (String scenario : scenarios) {
                        if (!SCENARIOS.contains(scenario) && !ON_DEMAND.contains(scenario)) {
                            throw new IllegalArgumentException("unknown scenario '" + scenario + "'; known: " + SCENARIOS
                                    + " and " + ON_DEMAND);
                        }
                    }
                }
                case "--rounds" -> rounds = positive(args, ++i, arg);
                case "--warmup" -> warmup = positive(args, ++i, arg);
                case "--measure" -> measure = positive(args, ++i, arg);
                case "--boot-runs" -> bootRuns = positive(args, ++i, arg);
                case "--soak" -> soak = wholeNumber(args, ++i, arg, 0);
                case "--callers" -> callers = Arrays.stream(value(args, ++i, arg).split(",")).map(Integer::valueOf).toList();
                case "--quick" -> {
                    rounds = 1;
                    warmup = 2;
                    measure = 3;
                    bootRuns = 1;
                    soak = 0;
                    quick = true;
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new Options(scenarios, rounds, Duration.ofSeconds(warmup), Duration.ofSeconds(measure), callers, bootRuns,
                Duration.ofMinutes(soak), quick);
    }

    /** Every scenario, measured for real, the soak too: the run that may become latest.{md,json}. */
    public boolean complete() {
        return !quick && scenarios.size() == SCENARIOS.size() && !soak.isZero();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String[] args, int index, String option) {
        return wholeNumber(args, index, option, 1);
    }

    private static int wholeNumber(String[] args, int index, String option, int least) {
        String text = value(args, index, option);
        try {
            int value = Integer.parseInt(text);
            if (value >= least) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a " + (least > 0 ? "positive" : "non-negative")
                + " whole number, got '" + text + "'");
    }
}
