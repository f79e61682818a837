package micro.bench.gateway;

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

/**
 * Scenario 2: wrk → micro.gateway → greeter, against wrk → nginx proxy_pass → the same greeter node,
 * against wrk → the node itself. One micro.jar serves both the gateway and the node, with the gateway's
 * namespace set to {@code micro.srv} so that {@code /greeter/say/hello} is one hop, as through nginx.
 */
public final class GatewayScenario {

    private static final String PATH = "/greeter/say/hello";
    private static final String BODY = "{\"name\":\"John\"}";

    enum Route {
        GATEWAY("micro gateway"), NGINX("nginx proxy_pass"), DIRECT("node directly");

        final String label;

        Route(String label) {
            this.label = label;
        }
    }

    private final Repo repo;
    private final Options options;

    public GatewayScenario(Repo repo, Options options) {
        this.repo = repo;
        this.options = options;
    }

    public void run(Report report) throws Exception {
        int nodePort = Loopback.freePort();
        int gatewayPort = Loopback.freePort();
        int nginxPort = Loopback.freePort();
        try (ChildProcess host = ChildProcess.start("micro-gateway-host", List.of(ChildProcess.javaBinary(), "-jar",
                repo.microJar().toString(), "server", "--server_address", "127.0.0.1:" + nodePort, "--api_address",
                "127.0.0.1:" + gatewayPort, "--api_namespace", "micro.srv", "--cli_address", "127.0.0.1:" + Loopback.freePort()),
                null).awaitPort(gatewayPort, Duration.ofSeconds(60));
                Nginx nginx = Nginx.start(nginxPort, nodePort, PATH, "micro.srv.greeter", "Say.Hello")) {
            Map<Route, String> urls = Map.of(Route.GATEWAY, "http://127.0.0.1:" + gatewayPort + PATH,
                    Route.NGINX, "http://127.0.0.1:" + nginxPort + PATH, Route.DIRECT, "http://127.0.0.1:" + nodePort + "/");
            Map<String, String> directHeaders = Map.of("Micro-Service", "micro.srv.greeter", "Micro-Endpoint", "Say.Hello");
            FirstCall.await(urls.get(Route.GATEWAY), BODY, Duration.ofSeconds(60), host.process());
            for (Route route : Route.values()) {
                System.out.println("gateway: warming up " + route.label);
                run(route, urls, directHeaders, 2, 64, options.warmup().multipliedBy(2));
            }
            Map<Route, List<Wrk.Outcome>> loaded = new EnumMap<>(Route.class);
            Map<Route, List<Wrk.Outcome>> single = new EnumMap<>(Route.class);
            List<Double> throughputVsNginx = new ArrayList<>();
            List<Double> addedP50 = new ArrayList<>();
            List<Double> nginxAddedP50 = new ArrayList<>();
            for (int round = 0; round < options.rounds(); round++) {
                List<Route> order = new ArrayList<>(List.of(Route.values()));
                Collections.rotate(order, round);
                Map<Route, Wrk.Outcome> loadedRound = new EnumMap<>(Route.class);
                Map<Route, Wrk.Outcome> singleRound = new EnumMap<>(Route.class);
                for (Route route : order) {
                    Wrk.Outcome many = run(route, urls, directHeaders, 2, 64, options.measure());
                    Wrk.Outcome one = run(route, urls, directHeaders, 1, 1, options.measure());
                    System.out.printf("gateway %-16s round %d: %8.0f req/s at 64 connections (p99 %6.0f us); p50 %5.0f us at 1%n",
                            route.label, round + 1, many.requestsPerSecond(), many.p99Micros(), one.p50Micros());
                    loadedRound.put(route, many);
                    singleRound.put(route, one);
                    loaded.computeIfAbsent(route, key -> new ArrayList<>()).add(many);
                    single.computeIfAbsent(route, key -> new ArrayList<>()).add(one);
                }
                throughputVsNginx.add(loadedRound.get(Route.GATEWAY).requestsPerSecond() / loadedRound.get(Route.NGINX).requestsPerSecond());
                addedP50.add(singleRound.get(Route.GATEWAY).p50Micros() - singleRound.get(Route.DIRECT).p50Micros());
                nginxAddedP50.add(singleRound.get(Route.NGINX).p50Micros() - singleRound.get(Route.DIRECT).p50Micros());
            }
            List<List<String>> rows = new ArrayList<>();
            for (Route route : Route.values()) {
                rows.add(List.of(route.label,
                        Stats.fixed(Stats.median(loaded.get(route).stream().map(Wrk.Outcome::requestsPerSecond).toList()), 0),
                        Stats.fixed(Stats.median(loaded.get(route).stream().map(Wrk.Outcome::p50Micros).toList()), 0),
                        Stats.fixed(Stats.median(loaded.get(route).stream().map(Wrk.Outcome::p99Micros).toList()), 0),
                        Stats.fixed(Stats.median(single.get(route).stream().map(Wrk.Outcome::p50Micros).toList()), 0),
                        Stats.fixed(Stats.median(single.get(route).stream().map(Wrk.Outcome::p99Micros).toList()), 0)));
            }
            double ratio = Stats.median(throughputVsNginx);
            double added = Stats.median(addedP50);
            double nginxAdded = Stats.median(nginxAddedP50);
            report.headline("gateway_throughput_ratio_vs_nginx", ratio, 3);
            report.headline("gateway_added_p50_us", added, 1);
            report.headline("nginx_added_p50_us", nginxAdded, 1);
            report.section("Gateway", "`wrk -t2 -c64` (throughput) and `wrk -t1 -c1` (latency) POSTing `" + BODY + "` to `"
                    + PATH + "`, " + options.measure().toSeconds() + " s each, " + options.rounds() + " rounds in rotating order, "
                    + "after a warm-up of each route. One `micro.jar server --api_namespace micro.srv` is both the gateway and the "
                    + "greeter node; nginx (`worker_processes auto`, keep-alive upstream) proxies to the same node. "
                    + "Gateway throughput is " + Stats.fixed(ratio, 2) + "× nginx's; the gateway adds " + Stats.fixed(added, 0)
                    + " µs to the node's p50 at one connection, nginx adds " + Stats.fixed(nginxAdded, 0) + " µs.",
                    List.of("route", "req/s (64 conn.)", "p50 µs (64)", "p99 µs (64)", "p50 µs (1 conn.)", "p99 µs (1)"), rows);
        }
    }

    private static Wrk.Outcome run(Route route, Map<Route, String> urls, Map<String, String> directHeaders, int threads,
            int connections, Duration duration) throws Exception {
        Wrk.Outcome outcome = Wrk.run(urls.get(route), BODY, route == Route.DIRECT ? directHeaders : Map.of(), threads,
                connections, duration);
        if (outcome.non2xx() > 0 || outcome.socketErrors() > 0) {
            throw new IllegalStateException(route.label + ": " + outcome.non2xx() + " non-2xx replies and "
                    + outcome.socketErrors() + " socket errors");
        }
        return outcome;
    }
}
