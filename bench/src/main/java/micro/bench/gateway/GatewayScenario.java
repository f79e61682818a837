package micro.bench.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
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
import micro.registry.etcd.internal.EtcdServer;

/**
 * Scenario 2: wrk → micro.gateway → greeter, against wrk → nginx proxy_pass → the same greeter node,
 * against wrk → the node itself; the gateway's namespace is {@code micro.srv}, so that
 * {@code /greeter/say/hello} is one hop, as through nginx. Measured in two deployments: one host
 * (micro.jar's default: gateway and greeter in one process, memory registry) and two hosts (a
 * gateway-only micro.jar and a greeter micro.jar sharing a real etcd), where the gateway proxies over HTTP.
 */
public final class GatewayScenario {

    private static final String PATH = "/greeter/say/hello";
    private static final String BODY = "{\"name\":\"John\"}";
    private static final String JETTY_PROXY_PROCESS = "jetty proxy";
    private static final Map<String, String> NODE_HEADERS = Map.of("Micro-Service", "micro.srv.greeter",
            "Micro-Endpoint", "Say.Hello");

    enum Route {
        GATEWAY("micro gateway"), NGINX("nginx proxy_pass"), JETTY_PROXY("bare Jetty proxy"), DIRECT("node directly");

        final String label;

        Route(String label) {
            this.label = label;
        }
    }

    /**
     * The headline figures of one deployment; CPU per request (µs, at 64 connections) of the gateway's
     * process on the gateway route and of nginx on its own route.
     */
    record Summary(double throughputVsNginx, double addedP50Micros, double nginxAddedP50Micros, double gatewayCpuMicros,
            double nginxCpuMicros, double jettyProxyVsNginx, double jettyProxyCpuMicros, List<List<String>> rows) {
    }

    private final Repo repo;
    private final Options options;
    private Path cds; // the launcher's class-data archives, for the time of the scenario
    private double idleRssMib;
    private double loadRssMib;
    private GatewayAtScale atScale;
    private HostSoak soak; // null when --soak 0

    public GatewayScenario(Repo repo, Options options) {
        this.repo = repo;
        this.options = options;
    }

    public void run(Report report) throws Exception {
        cds = Files.createTempDirectory("micro-bench-cds-");
        Summary oneHost;
        Summary twoHosts;
        try {
            oneHost = oneHost();
            twoHosts = twoHosts();
        } finally {
            Trees.delete(cds);
        }
        report.headline("host_idle_rss_mib", idleRssMib, 0);
        report.headline("host_load_rss_mib", loadRssMib, 0);
        // The headline is the deployment a gateway is for: in front of services in other processes.
        report.headline("gateway_throughput_ratio_vs_nginx", twoHosts.throughputVsNginx(), 3);
        report.headline("gateway_added_p50_us", twoHosts.addedP50Micros(), 1);
        report.headline("nginx_added_p50_us", twoHosts.nginxAddedP50Micros(), 1);
        report.headline("gateway_cpu_us_per_request", twoHosts.gatewayCpuMicros(), 1);
        report.headline("nginx_cpu_us_per_request", twoHosts.nginxCpuMicros(), 1);
        report.headline("jetty_proxy_throughput_ratio_vs_nginx", twoHosts.jettyProxyVsNginx(), 3);
        report.headline("jetty_proxy_cpu_us_per_request", twoHosts.jettyProxyCpuMicros(), 1);
        report.headline("gateway_local_throughput_ratio_vs_nginx", oneHost.throughputVsNginx(), 3);
        report.headline("gateway_local_added_p50_us", oneHost.addedP50Micros(), 1);
        report.headline("nginx_local_added_p50_us", oneHost.nginxAddedP50Micros(), 1);
        String common = "`wrk -t2 -c64` (throughput) and `wrk -t1 -c1` (latency) POSTing `" + BODY + "` to `" + PATH + "`, "
                + options.measure().toSeconds() + " s each, " + options.rounds() + " rounds in rotating order after a warm-up "
                + "of each route; nginx (`worker_processes auto`, keep-alive upstream) proxies to the greeter node and adds "
                + "the `Micro-Service`/`Micro-Endpoint` headers. ";
        report.section("Gateway, one host (the default deployment)", common + "One `bin/micro server --api_namespace "
                + "micro.srv` is both the gateway and the greeter node, so the gateway calls the greeter in-process (local "
                + "call, no socket), while nginx goes over loopback HTTP to the same node. Gateway throughput "
                + Stats.fixed(oneHost.throughputVsNginx(), 2) + "× nginx's; the gateway adds " + Stats.fixed(oneHost.addedP50Micros(), 0)
                + " µs to the node's p50 at one connection, nginx adds " + Stats.fixed(oneHost.nginxAddedP50Micros(), 0) + " µs.",
                headers(), oneHost.rows());
        report.section("Gateway, two hosts (gateway proxies over HTTP)", common + "A gateway-only `bin/micro server "
                + "--greeter=false` and a greeter `bin/micro server` find each other through a real etcd; both micro.jar "
                + "processes, nginx and wrk share the 2 cores. Gateway throughput " + Stats.fixed(twoHosts.throughputVsNginx(), 2)
                + "× nginx's; the gateway adds " + Stats.fixed(twoHosts.addedP50Micros(), 0) + " µs to the node's p50, nginx adds "
                + Stats.fixed(twoHosts.nginxAddedP50Micros(), 0) + " µs. The bare Jetty proxy (Jetty 12's `ProxyHandler.Reverse` "
                + "in a JVM of its own, to the same node, adding the same headers) is the floor of a gateway made of a Jetty "
                + "server and a Jetty client: " + Stats.fixed(twoHosts.jettyProxyVsNginx(), 2) + "× nginx's throughput at "
                + Stats.fixed(twoHosts.jettyProxyCpuMicros(), 0) + " µs of CPU per request.", headers(), twoHosts.rows());
        atScale.report(report);
        if (soak != null) {
            soak.report(report);
        }
    }

    private static List<String> headers() {
        return List.of("route", "req/s (64 conn.)", "p50 µs (64)", "p99 µs (64)", "p50 µs (1 conn.)", "p99 µs (1)",
                "CPU µs per request (64 conn.)");
    }

    private Summary oneHost() throws Exception {
        int nodePort = Loopback.freePort();
        int gatewayPort = Loopback.freePort();
        int nginxPort = Loopback.freePort();
        try (ChildProcess host = microJar("micro-gateway-host", "--server_address", "127.0.0.1:" + nodePort,
                "--api_address", "127.0.0.1:" + gatewayPort, "--api_namespace", "micro.srv").awaitPort(gatewayPort, Duration.ofSeconds(60));
                Nginx nginx = Nginx.start(nginxPort, nodePort, PATH, "micro.srv.greeter", "Say.Hello")) {
            FirstCall.await(gateway(gatewayPort), BODY, Duration.ofSeconds(60), host.process());
            idleRssMib = settledRss(host);
            Summary measured = measure("one host", Map.of(Route.GATEWAY, gateway(gatewayPort), Route.NGINX, "http://127.0.0.1:" + nginxPort + PATH,
                    Route.DIRECT, "http://127.0.0.1:" + nodePort + "/"), processes("gateway+node", host.process(), null,
                    nginx.process()));
            loadRssMib = host.peakRssMib();
            System.out.printf("gateway (one host): RSS %.0f MiB idle after the first call, %.0f MiB at its peak under load%n",
                    idleRssMib, loadRssMib);
            if (!options.soak().isZero()) {
                soak = new HostSoak(options.soak());
                soak.run(host, gateway(gatewayPort), BODY);
            }
            return measured;
        }
    }

    /** The host's RSS once it has been idle for 5 s after its first call (what an idle host holds). */
    private static double settledRss(ChildProcess host) throws InterruptedException {
        Thread.sleep(5_000);
        return host.rssMib();
    }

    private Summary twoHosts() throws Exception {
        int nodePort = Loopback.freePort();
        int gatewayPort = Loopback.freePort();
        int nginxPort = Loopback.freePort();
        int jettyProxyPort = Loopback.freePort();
        Path data = Files.createTempDirectory("micro-bench-etcd");
        try (EtcdServer etcd = EtcdServer.start(data);
                ChildProcess node = microJar("micro-greeter-node", "--registry", "etcd", "--registry_address", etcd.endpoint(),
                        "--server_address", "127.0.0.1:" + nodePort, "--api_address", "127.0.0.1:" + Loopback.freePort())
                        .awaitPort(nodePort, Duration.ofSeconds(60));
                ChildProcess gateway = microJar("micro-gateway-only", "--registry", "etcd", "--registry_address", etcd.endpoint(),
                        "--greeter=false", "--api_address", "127.0.0.1:" + gatewayPort, "--api_namespace", "micro.srv")
                        .awaitPort(gatewayPort, Duration.ofSeconds(60));
                Nginx nginx = Nginx.start(nginxPort, nodePort, PATH, "micro.srv.greeter", "Say.Hello");
                ChildProcess jettyProxy = ChildProcess.javaMain("jetty-proxy", List.of(), FloorProxyMain.class.getName(),
                        String.valueOf(jettyProxyPort), String.valueOf(nodePort), "micro.srv.greeter", "Say.Hello")
                        .awaitPort(jettyProxyPort, Duration.ofSeconds(60))) {
            FirstCall.await(gateway(gatewayPort), BODY, Duration.ofSeconds(60), gateway.process());
            Map<String, Process> processes = processes("gateway", gateway.process(), node.process(), nginx.process());
            processes.put(JETTY_PROXY_PROCESS, jettyProxy.process());
            Summary measured = measure("two hosts", Map.of(Route.GATEWAY, gateway(gatewayPort), Route.NGINX, "http://127.0.0.1:"
                    + nginxPort + PATH, Route.JETTY_PROXY, "http://127.0.0.1:" + jettyProxyPort + PATH, Route.DIRECT,
                    "http://127.0.0.1:" + nodePort + "/"), processes);
            atScale = new GatewayAtScale(options, gatewayPort, PATH, BODY);
            atScale.measure(gateway, etcd.endpoint());
            return measured;
        } finally {
            Trees.delete(data);
        }
    }

    /** {@code distribution/bin/micro server FLAGS}: micro.jar with the JVM settings users are given. */
    private ChildProcess microJar(String name, String... flags) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of(repo.root().resolve("distribution/bin/micro").toString(), "server",
                "--web_address", "127.0.0.1:0", "--cli_address", "127.0.0.1:" + Loopback.freePort()));
        command.addAll(List.of(flags));
        return ChildProcess.start(name, command, null, Map.of("MICRO_JAR", repo.microJar().toString(),
                "MICRO_CDS_DIR", cds.toString()));
    }

    private static String gateway(int port) {
        return "http://127.0.0.1:" + port + PATH;
    }

    /** The processes whose CPU is counted, by the name the report gives them, the gateway's first (a mutable map: callers add more). */
    private static Map<String, Process> processes(String gatewayName, Process gateway, Process node, Process nginx) {
        Map<String, Process> processes = new java.util.LinkedHashMap<>();
        processes.put(gatewayName, gateway);
        if (node != null) {
            processes.put("node", node);
        }
        processes.put("nginx", nginx);
        return processes;
    }

    private Summary measure(String deployment, Map<Route, String> routeUrls, Map<String, Process> processes) throws Exception {
        Map<Route, String> urls = new EnumMap<>(routeUrls); // in the enum's order
        for (Route route : urls.keySet()) {
            System.out.println("gateway (" + deployment + "): warming up " + route.label);
            run(route, urls, 2, 64, options.warmup());
        }
        Map<Route, List<Wrk.Outcome>> loaded = new EnumMap<>(Route.class);
        Map<Route, List<Wrk.Outcome>> single = new EnumMap<>(Route.class);
        List<Double> throughputVsNginx = new ArrayList<>();
        List<Double> addedP50 = new ArrayList<>();
        List<Double> nginxAddedP50 = new ArrayList<>();
        List<Double> jettyProxyVsNginx = new ArrayList<>();
        Map<Route, Map<String, List<Double>>> cpu = new EnumMap<>(Route.class);
        for (int round = 0; round < options.rounds(); round++) {
            List<Route> order = new ArrayList<>(urls.keySet());
            Collections.rotate(order, round);
            Map<Route, Wrk.Outcome> loadedRound = new EnumMap<>(Route.class);
            Map<Route, Wrk.Outcome> singleRound = new EnumMap<>(Route.class);
            for (Route route : order) {
                Map<String, Double> before = cpuSeconds(processes);
                Wrk.Outcome many = run(route, urls, 2, 64, options.measure());
                Map<String, Double> after = cpuSeconds(processes);
                double requests = many.requestsPerSecond() * options.measure().toSeconds();
                for (String process : processes.keySet()) {
                    cpu.computeIfAbsent(route, key -> new java.util.LinkedHashMap<>()).computeIfAbsent(process, key -> new ArrayList<>())
                            .add((after.get(process) - before.get(process)) * 1e6 / requests);
                }
                Wrk.Outcome one = run(route, urls, 1, 1, options.measure());
                System.out.printf("gateway (%s) %-16s round %d: %8.0f req/s at 64 connections (p99 %6.0f us); p50 %5.0f us at 1%n",
                        deployment, route.label, round + 1, many.requestsPerSecond(), many.p99Micros(), one.p50Micros());
                loadedRound.put(route, many);
                singleRound.put(route, one);
                loaded.computeIfAbsent(route, key -> new ArrayList<>()).add(many);
                single.computeIfAbsent(route, key -> new ArrayList<>()).add(one);
            }
            throughputVsNginx.add(loadedRound.get(Route.GATEWAY).requestsPerSecond() / loadedRound.get(Route.NGINX).requestsPerSecond());
            addedP50.add(singleRound.get(Route.GATEWAY).p50Micros() - singleRound.get(Route.DIRECT).p50Micros());
            nginxAddedP50.add(singleRound.get(Route.NGINX).p50Micros() - singleRound.get(Route.DIRECT).p50Micros());
            if (loadedRound.containsKey(Route.JETTY_PROXY)) {
                jettyProxyVsNginx.add(loadedRound.get(Route.JETTY_PROXY).requestsPerSecond()
                        / loadedRound.get(Route.NGINX).requestsPerSecond());
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (Route route : urls.keySet()) {
            rows.add(List.of(route.label,
                    Stats.fixed(Stats.median(loaded.get(route).stream().map(Wrk.Outcome::requestsPerSecond).toList()), 0),
                    Stats.fixed(Stats.median(loaded.get(route).stream().map(Wrk.Outcome::p50Micros).toList()), 0),
                    Stats.fixed(Stats.median(loaded.get(route).stream().map(Wrk.Outcome::p99Micros).toList()), 0),
                    Stats.fixed(Stats.median(single.get(route).stream().map(Wrk.Outcome::p50Micros).toList()), 0),
                    Stats.fixed(Stats.median(single.get(route).stream().map(Wrk.Outcome::p99Micros).toList()), 0),
                    cpuCell(cpu.get(route))));
        }
        String gatewayProcess = processes.keySet().iterator().next();
        boolean jettyProxy = urls.containsKey(Route.JETTY_PROXY);
        return new Summary(Stats.median(throughputVsNginx), Stats.median(addedP50), Stats.median(nginxAddedP50),
                Stats.median(cpu.get(Route.GATEWAY).get(gatewayProcess)), Stats.median(cpu.get(Route.NGINX).get("nginx")),
                jettyProxy ? Stats.median(jettyProxyVsNginx) : Double.NaN,
                jettyProxy ? Stats.median(cpu.get(Route.JETTY_PROXY).get(JETTY_PROXY_PROCESS)) : Double.NaN, rows);
    }

    private static Map<String, Double> cpuSeconds(Map<String, Process> processes) {
        Map<String, Double> seconds = new java.util.HashMap<>();
        processes.forEach((name, process) -> seconds.put(name, micro.bench.CpuTime.seconds(process)));
        return seconds;
    }

    /** "gateway 61 · node 35 · nginx 0": the median CPU per request of each process on this route. */
    private static String cpuCell(Map<String, List<Double>> byProcess) {
        List<String> parts = new ArrayList<>();
        byProcess.forEach((process, values) -> parts.add(process + " " + Stats.fixed(Stats.median(values), 0)));
        return String.join(" · ", parts);
    }

    private static Wrk.Outcome run(Route route, Map<Route, String> urls, int threads, int connections, Duration duration)
            throws Exception {
        return Wrk.run(urls.get(route), BODY, route == Route.DIRECT ? NODE_HEADERS : Map.of(), threads, connections, duration)
                .requireClean(route.label);
    }
}
