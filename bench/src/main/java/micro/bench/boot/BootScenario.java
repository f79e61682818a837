package micro.bench.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import micro.bench.ChildProcess;
import micro.bench.FirstCall;
import micro.bench.Loopback;
import micro.bench.Options;
import micro.bench.Repo;
import micro.bench.Report;
import micro.bench.Stats;
import micro.bench.karaf.KarafHome;

/**
 * Scenario 4: from starting the process to the first greeting served through the gateway, for
 * {@code java -jar micro.jar server} and for the Karaf assembly ({@code bin/karaf server}, fresh data
 * folder each time, so features resolve from scratch as on a first start).
 */
public final class BootScenario {

    private static final String PATH = "/greeter/say/hello";
    private static final String BODY = "{\"name\":\"John\"}";

    private final Repo repo;
    private final Options options;

    public BootScenario(Repo repo, Options options) {
        this.repo = repo;
        this.options = options;
    }

    public void run(Report report) throws Exception {
        List<Double> embedded = new ArrayList<>();
        List<Double> karaf = new ArrayList<>();
        try (KarafHome karafHome = KarafHome.copyOf(repo.karafAssembly())) {
            for (int run = 0; run < options.bootRuns(); run++) {
                embedded.add(embeddedBoot());
                System.out.printf("boot embedded run %d: %.0f ms to the first call%n", run + 1, embedded.get(run));
                karaf.add(karafBoot(karafHome));
                System.out.printf("boot karaf    run %d: %.0f ms to the first call%n", run + 1, karaf.get(run));
            }
        }
        double embeddedMs = Stats.median(embedded);
        double karafMs = Stats.median(karaf);
        report.headline("embedded_boot_to_first_call_ms", embeddedMs, 0);
        report.headline("karaf_boot_to_first_call_ms", karafMs, 0);
        report.section("Boot", "From starting the process to the first `POST " + PATH + "` answered 200 through the gateway "
                + "(micro.api.greeter → micro.srv.greeter), polled every 2 ms; median of " + options.bootRuns()
                + " starts each. The Karaf assembly starts with an empty data folder every time.",
                List.of("host", "median ms", "runs ms"),
                List.of(List.of("`java -jar micro.jar server`", Stats.fixed(embeddedMs, 0), runs(embedded)),
                        List.of("Karaf assembly `bin/karaf server`", Stats.fixed(karafMs, 0), runs(karaf))));
    }

    private double embeddedBoot() throws Exception {
        int gateway = Loopback.freePort();
        long start = System.nanoTime();
        try (ChildProcess host = ChildProcess.start("micro-boot", List.of(ChildProcess.javaBinary(), "-jar",
                repo.microJar().toString(), "server", "--web_address", "127.0.0.1:0", "--server_address", "127.0.0.1:" + Loopback.freePort(), "--api_address",
                "127.0.0.1:" + gateway, "--cli_address", "127.0.0.1:" + Loopback.freePort()), null)) {
            long served = FirstCall.await("http://127.0.0.1:" + gateway + PATH, BODY, Duration.ofSeconds(60), host.process());
            return (served - start) / 1e6;
        }
    }

    private double karafBoot(KarafHome home) throws Exception {
        int gateway = Loopback.freePort();
        home.reset(gateway);
        long start = System.nanoTime();
        try (ChildProcess karaf = home.start("karaf-boot")) {
            long served = FirstCall.await("http://127.0.0.1:" + gateway + PATH, BODY, Duration.ofMinutes(3), karaf.process());
            return (served - start) / 1e6;
        }
    }

    private static String runs(List<Double> values) {
        return String.join(", ", values.stream().map(value -> Stats.fixed(value, 0)).toList());
    }
}
