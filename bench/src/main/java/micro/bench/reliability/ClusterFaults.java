package micro.bench.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import micro.bench.Loopback;
import micro.bench.Repo;
import micro.registry.etcd.internal.EtcdServer;

/** Two micro.jar hosts on a three-member etcd cluster whose leader is lost. */
final class ClusterFaults {

    private ClusterFaults() {
    }

    static Part run(Repo repo, Path data) throws Exception {
        List<Window.Result> windows = new ArrayList<>();
        List<EtcdServer> cluster = EtcdServer.cluster(data.resolve("cluster"), 3);
        try {
            String endpoints = String.join(",", cluster.stream().map(EtcdServer::endpoint).toList());
            int api = Loopback.freePort();
            try (MicroHost a = MicroHost.start(repo, "cluster-A", endpoints, api);
                    MicroHost b = MicroHost.start(repo, "cluster-B", endpoints, Loopback.freePort());
                    Callers callers = new Callers(ReliabilityScenario.CALLERS, "http://127.0.0.1:" + api + ReliabilityScenario.PATH)) {
                callers.window("warm-up (not reported)", Duration.ofSeconds(30), () -> { });
                windows.add(callers.window("steady load, no event", Duration.ofSeconds(15), () -> { }));
                windows.add(callers.window("kill -9 of the etcd leader (a new one is elected), then the member started again",
                        Duration.ofSeconds(30), () -> {
                            EtcdServer leader = leaderOf(cluster);
                            leader.kill();
                            Pause.of(Duration.ofSeconds(15)); // three TTLs on two members
                            leader.start();
                        }));
            }
        } finally {
            for (EtcdServer member : cluster) {
                member.close();
            }
        }
        return new Part("Two micro.jar hosts on a three-member etcd cluster", "Two `micro.jar server` hosts (gateway and "
                + "greeter; greeter) given all three members' endpoints; the callers post to the first host's gateway.",
                windows);
    }

    private static EtcdServer leaderOf(List<EtcdServer> cluster) throws Exception {
        for (EtcdServer member : cluster) {
            if (member.isLeader()) {
                return member;
            }
        }
        throw new IllegalStateException("the etcd cluster has no leader");
    }
}
