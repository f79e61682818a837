package micro.bench.boot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import micro.bench.ChildProcess;
import micro.bench.FirstCall;
import micro.bench.Loopback;
import micro.bench.Options;
import micro.bench.Repo;
import micro.bench.Report;
import micro.bench.Stats;
import micro.bench.Trees;
import micro.bench.unary.FloorServerMain;
import micro.bench.karaf.KarafHome;

/**
 * Scenario 4: from starting the process to the first greeting served through the gateway, for
 * {@code java -jar micro.jar server}, for the launcher {@code distribution/bin/micro server} (its
 * class-data archive written by a start before the measured ones, as a user's first start does),
 * and for the Karaf assembly ({@code bin/karaf server}, fresh data folder each time, so features
 * resolve from scratch as on a first start); the floor is a bare Jetty + Jackson JVM's start to its
 * first answer.
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
        List<Double> launcher = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        List<Double> karaf = new ArrayList<>();
        Path cds = Files.createTempDirectory("micro-bench-cds-");
        try (KarafHome karafHome = KarafHome.copyOf(repo.karafAssembly())) {
            launcherBoot(cds); // writes the class-data archive, as a first start does
            for (int run = 0; run < options.bootRuns(); run++) {
                embedded.add(embeddedBoot(List.of(ChildProcess.javaBinary(), "-jar", repo.microJar().toString())));
                System.out.printf("boot embedded run %d: %.0f ms to the first call%n", run + 1, embedded.get(run));
                launcher.add(launcherBoot(cds));
                System.out.printf("boot launcher run %d: %.0f ms to the first call%n", run + 1, launcher.get(run));
                floor.add(floorBoot());
                System.out.printf("boot floor    run %d: %.0f ms to the first answer%n", run + 1, floor.get(run));
                karaf.add(karafBoot(karafHome));
                System.out.printf("boot karaf    run %d: %.0f ms to the first call%n", run + 1, karaf.get(run));
            }
        } finally {
            Trees.delete(cds);
        }
        double embeddedMs = Stats.median(embedded);
        double launcherMs = Stats.median(launcher);
        double floorMs = Stats.median(floor);
        double karafMs = Stats.median(karaf);
        report.headline("embedded_boot_to_first_call_ms", embeddedMs, 0);
        report.headline("launcher_boot_to_first_call_ms", launcherMs, 0);
        report.headline("floor_boot_to_first_answer_ms", floorMs, 0);
        report.headline("boot_ratio_vs_floor", launcherMs / floorMs, 2);
        report.headline("karaf_boot_to_first_call_ms", karafMs, 0);
        report.section("Boot", "From starting the process to the first `POST " + PATH + "` answered 200 through the gateway "
                + "(micro.api.greeter → micro.srv.greeter), polled every 2 ms; median of " + options.bootRuns()
                + " starts each. The Karaf assembly starts with an empty data folder every time.",
                List.of("host", "median ms", "runs ms"),
                List.of(List.of("`java -jar micro.jar server`", Stats.fixed(embeddedMs, 0), runs(embedded)),
                        List.of("`distribution/bin/micro server` (launcher)", Stats.fixed(launcherMs, 0), runs(launcher)),
                        List.of("floor: bare Jetty + Jackson JVM, to its first answer", Stats.fixed(floorMs, 0), runs(floor)),
                        List.of("Karaf assembly `bin/karaf server`", Stats.fixed(karafMs, 0), runs(karaf))));
    }

    /** {@code command} followed by {@code server} and loopback addresses of its own. */
    private double embeddedBoot(List<String> command) throws Exception {
        return embeddedBoot(command, Map.of());
    }

    private double embeddedBoot(List<String> command, Map<String, String> environment) throws Exception {
        int gateway = Loopback.freePort();
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("server", "--web_address", "127.0.0.1:0", "--server_address", "127.0.0.1:" + Loopback.freePort(),
                "--api_address", "127.0.0.1:" + gateway, "--cli_address", "127.0.0.1:" + Loopback.freePort()));
        long start = System.nanoTime();
        try (ChildProcess host = ChildProcess.start("micro-boot", full, null, environment)) {
            long served = FirstCall.await("http://127.0.0.1:" + gateway + PATH, BODY, Duration.ofSeconds(60), host.process());
            return (served - start) / 1e6;
        }
    }

    private double launcherBoot(Path cds) throws Exception {
        return embeddedBoot(List.of(repo.root().resolve("distribution/bin/micro").toString()),
                Map.of("MICRO_JAR", repo.microJar().toString(), "MICRO_CDS_DIR", cds.toString()));
    }

    private double floorBoot() throws Exception {
        int port = Loopback.freePort();
        long start = System.nanoTime();
        try (ChildProcess floor = ChildProcess.javaMain("floor-boot", List.of(), FloorServerMain.class.getName(),
                String.valueOf(port))) {
            long served = FirstCall.await("http://127.0.0.1:" + port + PATH, BODY, Duration.ofSeconds(60), floor.process());
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
