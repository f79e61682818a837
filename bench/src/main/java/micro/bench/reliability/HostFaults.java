package micro.bench.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import micro.bench.Loopback;
import micro.bench.Repo;
import micro.registry.etcd.internal.EtcdServer;

/** Three micro.jar hosts on one etcd: a host stopped and killed, etcd frozen and restarted. */
final class HostFaults {

    private HostFaults() {
    }

    static Part run(Repo repo, Path data) throws Exception {
        List<Window.Result> windows = new ArrayList<>();
        try (EtcdServer etcd = EtcdServer.start(data.resolve("etcd"))) {
            int api = Loopback.freePort();
            try (MicroHost a = MicroHost.start(repo, "A", etcd.endpoint(), api);
                    MicroHost b = MicroHost.start(repo, "B", etcd.endpoint(), Loopback.freePort());
                    MicroHost c = MicroHost.start(repo, "C", etcd.endpoint(), Loopback.freePort());
                    Callers callers = new Callers(ReliabilityScenario.CALLERS, "http://127.0.0.1:" + api + ReliabilityScenario.PATH)) {
                // 30 s: on two cores C2 needs that long before the steady window means anything.
                callers.window("warm-up (not reported)", Duration.ofSeconds(30), () -> { });
                windows.add(callers.window("steady load, no event", Duration.ofSeconds(15), () -> { }));
                windows.add(callers.window("SIGTERM of greeter host C, then C started again", Duration.ofSeconds(20), () -> {
                    c.stop();
                    c.restart();
                }));
                windows.add(callers.window("kill -9 of greeter host B, then B started again", Duration.ofSeconds(20), () -> {
                    b.kill();
                    b.restart();
                }));
                windows.add(callers.window("etcd frozen (kill -STOP) for 15 s = 3x the TTL, then resumed", Duration.ofSeconds(30), () -> {
                    etcd.freeze();
                    Pause.of(Duration.ofSeconds(15));
                    etcd.thaw();
                }));
                windows.add(callers.window("etcd stopped and started again", Duration.ofSeconds(20), () -> {
                    etcd.stop();
                    etcd.start();
                }));
            }
        }
        return new Part("Three micro.jar hosts on one etcd", "Three `micro.jar server` hosts on one real etcd (A: gateway "
                + "and greeter; B, C: greeters too; register TTL " + MicroHost.TTL + " s, interval " + MicroHost.INTERVAL
                + " s); the callers post to A's gateway.", windows);
    }
}
