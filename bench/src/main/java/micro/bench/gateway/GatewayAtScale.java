package micro.bench.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import micro.bench.ChildProcess;
import micro.bench.FirstCall;
import micro.bench.Options;
import micro.bench.Report;
import micro.bench.Stats;

/**
 * The two-host gateway under the loads a large deployment adds, against itself just before: 1,000
 * idle keep-alive connections held open beside wrk's 64 active ones, and 10,000 services in the
 * registry (route lookup should cost the same). Reported, no target yet.
 */
final class GatewayAtScale {

    static final int IDLE_CONNECTIONS = 1_000;
    static final int SERVICES = 10_000;

    private record Load(double requestsPerSecond, double p50Micros, double rssMib, long threads) {
    }

    private static final String HOST = "127.0.0.1";

    private final Options options;
    private final int port;
    private final String path;
    private final String body;
    private Load baseline;
    private Load idle;
    private int stillOpen;
    private Load many;

    GatewayAtScale(Options options, int port, String path, String body) {
        this.options = options;
        this.port = port;
        this.path = path;
        this.body = body;
    }

    /** Measures the gateway at {@link #port}, whose registry is the etcd at {@code etcdEndpoint}, under each condition. */
    void measure(ChildProcess gateway, String etcdEndpoint) throws Exception {
        baseline = load(gateway, "the gateway as deployed");
        try (IdleConnections connections = IdleConnections.open(IDLE_CONNECTIONS, HOST, port, path, body)) {
            System.out.println("gateway (two hosts): " + IDLE_CONNECTIONS + " idle keep-alive connections open");
            idle = load(gateway, IDLE_CONNECTIONS + " idle connections");
            stillOpen = connections.stillOpen();
        }
        System.out.println("gateway (two hosts): registering " + (SERVICES - 1) + " services beside the greeter in etcd");
        ManyServices.register(etcdEndpoint, SERVICES - 1);
        // The gateway knows the last service once it stops answering 404 for it (its node is down: 502 or 503).
        String last = ManyServices.name(SERVICES - 1).substring("micro.srv.".length());
        FirstCall.await("http://" + HOST + ":" + port + "/" + last + "/say/hello", body, Duration.ofSeconds(120), gateway.process(),
                status -> status != 404, "anything but 404");
        many = load(gateway, SERVICES + " services");
    }

    void report(Report report) {
        report.headline("gateway_1000_idle_throughput_ratio", idle.requestsPerSecond() / baseline.requestsPerSecond(), 3);
        report.headline("gateway_1000_idle_rss_mib", idle.rssMib(), 0);
        report.headline("gateway_1000_idle_threads", idle.threads(), 0);
        report.headline("gateway_1000_idle_p50_ratio", idle.p50Micros() / baseline.p50Micros(), 3);
        report.headline("gateway_10000_services_throughput_ratio", many.requestsPerSecond() / baseline.requestsPerSecond(), 3);
        report.headline("gateway_10000_services_p50_ratio", many.p50Micros() / baseline.p50Micros(), 3);
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("as deployed (the greeter alone, 64 connections)", baseline, baseline));
        rows.add(row(String.format("%,d idle keep-alive connections beside the 64 (%,d still open at the end)", IDLE_CONNECTIONS,
                stillOpen), idle, baseline));
        rows.add(row(String.format("%,d services in etcd", SERVICES), many, baseline));
        report.section("Gateway at scale, two hosts", "The two-host gateway route, measured again after the rounds above: "
                + options.rounds() + " runs of " + options.measure().toSeconds() + " s per condition (`wrk -t2 -c64`, each followed "
                + "by a `wrk -t1 -c1` for the p50), medians; RSS and threads: the most seen right after a 64-connection run. "
                + "Idle connections: " + String.format("%,d", IDLE_CONNECTIONS) + " keep-alive sockets that each sent one request "
                + "and one more every 10 s (so that the 30 s idle timeout keeps them), held open while wrk runs. Services: "
                + String.format("%,d", SERVICES - 1) + " more services registered in the same etcd (one node each), the gateway "
                + "still routing to the greeter. Ratios against the first row.",
                List.of("condition", "req/s (64 conn.)", "throughput ratio", "p50 µs (1 conn.)", "gateway RSS MiB (peak)",
                        "gateway threads (peak)"), rows);
    }

    /**
     * Runs each condition alike (a 64-connection run, then a 1-connection run, {@code rounds} times), and
     * reads RSS and threads right after a 64-connection run: read after the quiet run, the pool's idle
     * threads would already be gone and the conditions would not compare.
     */
    private Load load(ChildProcess gateway, String condition) throws Exception {
        String url = "http://" + HOST + ":" + port + path;
        List<Double> throughput = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        double rssMib = 0;
        long threads = 0;
        for (int run = 0; run < options.rounds(); run++) {
            throughput.add(Wrk.run(url, body, java.util.Map.of(), 2, 64, options.measure()).requireClean(condition).requestsPerSecond());
            rssMib = Math.max(rssMib, gateway.rssMib());
            threads = Math.max(threads, gateway.threads());
            p50.add(Wrk.run(url, body, java.util.Map.of(), 1, 1, options.measure()).requireClean(condition).p50Micros());
        }
        Load load = new Load(Stats.median(throughput), Stats.median(p50), rssMib, threads);
        System.out.printf("gateway (two hosts) with %s: %8.0f req/s at 64 connections, p50 %5.0f us at 1; RSS %.0f MiB, %d threads%n",
                condition, load.requestsPerSecond(), load.p50Micros(), load.rssMib(), load.threads());
        return load;
    }

    private static List<String> row(String condition, Load load, Load baseline) {
        return List.of(condition, Stats.fixed(load.requestsPerSecond(), 0),
                Stats.fixed(load.requestsPerSecond() / baseline.requestsPerSecond(), 2), Stats.fixed(load.p50Micros(), 0),
                Stats.fixed(load.rssMib(), 0), String.valueOf(load.threads()));
    }
}
