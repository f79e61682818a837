package micro.bench.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import micro.bench.ChildProcess;
import micro.bench.FirstCall;
import micro.bench.Loopback;
import micro.bench.Options;
import micro.bench.Repo;
import micro.bench.Report;
import micro.bench.Stats;

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
        Path karafHome = copyOfKaraf();
        try {
            for (int run = 0; run < options.bootRuns(); run++) {
                embedded.add(embeddedBoot());
                System.out.printf("boot embedded run %d: %.0f ms to the first call%n", run + 1, embedded.get(run));
                karaf.add(karafBoot(karafHome));
                System.out.printf("boot karaf    run %d: %.0f ms to the first call%n", run + 1, karaf.get(run));
            }
        } finally {
            Trees.delete(karafHome);
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
                repo.microJar().toString(), "server", "--server_address", "127.0.0.1:" + Loopback.freePort(), "--api_address",
                "127.0.0.1:" + gateway, "--cli_address", "127.0.0.1:" + Loopback.freePort()), null)) {
            long served = FirstCall.await("http://127.0.0.1:" + gateway + PATH, BODY, Duration.ofSeconds(60), host.process());
            return (served - start) / 1e6;
        }
    }

    private double karafBoot(Path home) throws Exception {
        Trees.delete(home.resolve("data"));
        int gateway = Loopback.freePort();
        KarafPorts.configure(home, gateway);
        long start = System.nanoTime();
        try (ChildProcess karaf = ChildProcess.start("karaf-boot", List.of("/bin/sh", "bin/karaf", "server"), home.toFile())) {
            long served = FirstCall.await("http://127.0.0.1:" + gateway + PATH, BODY, Duration.ofMinutes(3), karaf.process());
            return (served - start) / 1e6;
        }
    }

    private Path copyOfKaraf() throws IOException {
        Path source = repo.karafAssembly();
        Path target = Files.createTempDirectory("micro-bench-karaf");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    private static String runs(List<Double> values) {
        return String.join(", ", values.stream().map(value -> Stats.fixed(value, 0)).toList());
    }
}
