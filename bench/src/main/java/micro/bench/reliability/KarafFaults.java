package micro.bench.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import micro.bench.ChildProcess;
import micro.bench.FirstCall;
import micro.bench.Loopback;
import micro.bench.Repo;
import micro.bench.karaf.KarafHome;
import micro.registry.etcd.internal.EtcdServer;

/**
 * The operator's hot swaps in the micro Karaf assembly, typed through {@code bin/client} as an operator
 * would: the transport bundle restarted and updated, the greeter updated, a selector plugin in and out,
 * configurations changed, the registry swapped for etcd and back.
 */
final class KarafFaults {

    private KarafFaults() {
    }

    static Part run(Repo repo, Path data) throws Exception {
        List<Window.Result> windows = new ArrayList<>();
        String plugin = repo.selectorPlugin().toUri().toString();
        try (EtcdServer etcd = EtcdServer.start(data.resolve("karaf-etcd"));
                KarafHome home = KarafHome.copyOf(repo.karafAssembly())) {
            int api = Loopback.freePort();
            home.reset(api);
            Files.writeString(home.home().resolve("etc/micro.registry.etcd.cfg"), "endpoints = " + etcd.endpoint() + "\n");
            String url = "http://127.0.0.1:" + api + ReliabilityScenario.PATH;
            try (ChildProcess karaf = home.start("reliability-karaf")) {
                FirstCall.await(url, ReliabilityScenario.BODY, Duration.ofMinutes(3), karaf.process());
                home.awaitShell(karaf, Duration.ofMinutes(1));
                try (Callers callers = new Callers(ReliabilityScenario.CALLERS, url)) {
                    callers.window("warm-up (not reported)", Duration.ofSeconds(30), () -> { });
                    windows.add(callers.window("steady load, no event", Duration.ofSeconds(15), () -> { }));
                    windows.add(callers.window("`bundle:restart` and `bundle:update` of micro.transport.http, 10 times each",
                            Duration.ofSeconds(30), () -> {
                                for (int round = 0; round < 10; round++) {
                                    home.run("bundle:restart micro.transport.http");
                                    home.run("bundle:update micro.transport.http");
                                }
                            }));
                    windows.add(callers.window("`bundle:update` of the only greeter bundle, 5 times", Duration.ofSeconds(15), () -> {
                        for (int round = 0; round < 5; round++) {
                            home.run("bundle:update micro.example.greeter");
                        }
                    }));
                    windows.add(callers.window("a selector plugin (examples/selector, ranking 200) installed, then uninstalled, twice",
                            Duration.ofSeconds(20), () -> {
                                for (int round = 0; round < 2; round++) {
                                    home.run("bundle:install -s " + plugin);
                                    Pause.of(Duration.ofSeconds(3));
                                    home.run("bundle:uninstall micro.example.selector");
                                }
                            }));
                    windows.add(callers.window("`config:property-set` on micro.client, micro.gateway, micro.selector, "
                            + "micro.server, then a bad micro.client value", Duration.ofSeconds(15), () -> {
                                home.run("config:property-set -p micro.client retries 2");
                                home.run("config:property-set -p micro.gateway cors http://localhost:3000");
                                home.run("config:property-set -p micro.selector strategy roundrobin");
                                home.run("config:property-set -p micro.server register.ttl 90");
                                home.run("config:property-set -p micro.client request.timeout.ms abc");
                            }));
                    windows.add(callers.window("`feature:install micro-registry-etcd`, then `feature:uninstall`, twice",
                            Duration.ofSeconds(30), () -> {
                                for (int round = 0; round < 2; round++) {
                                    home.run("feature:install micro-registry-etcd");
                                    Pause.of(Duration.ofSeconds(5));
                                    home.run("feature:uninstall micro-registry-etcd");
                                    Pause.of(Duration.ofSeconds(2));
                                }
                            }));
                }
            }
        }
        return new Part("Inside the micro Karaf assembly", "`bin/karaf server` of the micro assembly (gateway and greeter, "
                + "one instance, memory registry until etcd is installed), each command typed through `bin/client` "
                + "(a JVM start per command: several seconds each on two cores under this load); the callers post to "
                + "its gateway.", windows);
    }
}
