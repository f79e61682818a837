package micro.bench;

import java.util.Arrays;

import micro.bench.boot.BootScenario;
import micro.bench.discovery.DiscoveryScenario;
import micro.bench.gateway.GatewayScenario;
import micro.bench.jmh.JmhScenario;
import micro.bench.reliability.ReliabilityScenario;
import micro.bench.unary.TransportScenario;
import micro.bench.unary.UnaryScenario;
import micro.bench.web.WebScenario;

/** Runs the chosen scenarios and writes bench/results/latest.{md,json}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + "\n\n" + Options.USAGE);
            System.exit(2);
            return;
        }
        Repo repo = Repo.locate();
        Report report = new Report();
        if (options.scenarios().contains("unary")) {
            new UnaryScenario(repo, options).run(report);
        }
        if (options.scenarios().contains("transport")) {
            new TransportScenario(repo, options).run(report);
        }
        if (options.scenarios().contains("streams")) {
            new micro.bench.unary.StreamScenario(repo, options).run(report);
        }
        if (options.scenarios().contains("gateway")) {
            new GatewayScenario(repo, options).run(report);
        }
        if (options.scenarios().contains("discovery")) {
            new DiscoveryScenario().run(report);
        }
        if (options.scenarios().contains("boot")) {
            new BootScenario(repo, options).run(report);
        }
        if (options.scenarios().contains("web")) {
            new WebScenario().run(report);
        }
        if (options.scenarios().contains("jmh")) {
            new JmhScenario().run(report);
        }
        if (options.scenarios().contains("reliability")) {
            new ReliabilityScenario(repo).run(); // a report of its own: bench/results/reliability.md
            if (options.scenarios().size() == 1) {
                System.exit(0);
            }
        }
        String command = "bench/run" + (args.length == 0 ? "" : " " + String.join(" ", args));
        String name = options.complete() ? "latest" : "partial";
        report.write(repo.results(), name, command);
        System.out.println("wrote " + repo.results().resolve(name + ".md") + " and " + name + ".json");
        System.exit(0);
    }
}
