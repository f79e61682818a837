package micro.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import micro.core.internal.testing.LoadCallers;
import micro.host.Processes.Collector;
import micro.host.Processes.Result;
import micro.registry.etcd.internal.EtcdServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts sharing one real etcd: a client finds a greeter of another host through etcd and forgets it
 * after a kill -9 with its lease; under load through a gateway, a SIGTERM of one of three greeter
 * hosts and an etcd frozen for three times the TTL fail no call.
 */
class EtcdAcrossHostsIT {

    @TempDir
    Path dir;
    private EtcdServer etcd;
    private java.util.List<EtcdServer> cluster = java.util.List.of();
    private Process hostA;
    private Process hostB;
    private Process hostC;

    @AfterEach
    void stop() throws Exception {
        for (Process host : new Process[] { hostA, hostB, hostC }) {
            if (host != null) {
                host.destroyForcibly().waitFor();
            }
        }
        if (etcd != null) {
            etcd.close();
        }
        for (EtcdServer member : cluster) {
            member.close();
        }
    }

    private static Process startHost(String cli, String... extra) throws Exception {
        return startHostWithGateway(cli, "127.0.0.1:" + Processes.freePort(), extra);
    }

    private static Process startHostWithGateway(String cli, String api, String... extra) throws Exception {
        String[] base = { "server", "--registry", "etcd", "--cli_address", cli, "--api_address", api };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        Process host = new ProcessBuilder(Processes.java(args)).redirectErrorStream(true).start();
        Collector out = Collector.of(host.getInputStream());
        Processes.await("a host to start", Duration.ofSeconds(60),
                () -> out.text().contains("e.g. java -jar micro.jar list services") || !host.isAlive());
        assertTrue(host.isAlive(), "the host died:\n" + out.text());
        assertTrue(out.text().contains("registry   etcd at "), out.text());
        return host;
    }

    /** A: gateway and greeter; B: another greeter; both on {@code endpoints}, TTL 5 s. Answers A's gateway URL. */
    private String startGatewayAndGreeterHosts(String endpoints, String interval) throws Exception {
        String api = "127.0.0.1:" + Processes.freePort();
        hostA = startHostWithGateway("127.0.0.1:" + Processes.freePort(), api, "--registry_address", endpoints,
                "--register_ttl", "5", "--register_interval", interval);
        hostB = startGreeterHost(endpoints, interval);
        return "http://" + api + "/greeter/say/hello";
    }

    private static Process startGreeterHost(String endpoints, String interval) throws Exception {
        return startHost("127.0.0.1:" + Processes.freePort(), "--registry_address", endpoints, "--register_ttl", "5",
                "--register_interval", interval);
    }

    @Test
    void hostBCallsTheGreeterOfHostAThroughEtcdAndForgetsItAfterAKill() throws Exception {
        etcd = EtcdServer.start(dir.resolve("etcd"));
        String cliA = "127.0.0.1:" + Processes.freePort();
        String cliB = "127.0.0.1:" + Processes.freePort();
        hostA = startHost(cliA, "--registry_address", etcd.endpoint(), "--register_ttl", "5", "--register_interval", "2");
        hostB = startHost(cliB, "--registry_address", etcd.endpoint(), "--greeter=false");

        Result fromB = Processes.run("query", "micro.srv.greeter", "Say.Hello", "{\"name\":\"John\"}", "--cli_address", cliB);
        assertEquals(0, fromB.exit(), fromB.err());
        assertTrue(fromB.out().contains("Hello John"), fromB.out());

        Result oneShot = Processes.run("query", "micro.srv.greeter", "Say.Hello", "{\"name\":\"John\"}", "--registry", "etcd",
                "--registry_address", etcd.endpoint());
        assertEquals(0, oneShot.exit(), oneShot.err());
        assertTrue(oneShot.out().contains("Hello John"), oneShot.out());

        Result listed = Processes.run("list", "services", "--cli_address", cliB);
        assertTrue(listed.out().contains("micro.srv.greeter"), listed.out());

        hostA.destroyForcibly().waitFor(); // kill -9: no deregistration
        Processes.await("A's node to expire with its lease", Duration.ofSeconds(30), () -> {
            try {
                Result get = Processes.run("get", "service", "micro.srv.greeter", "--cli_address", cliB);
                return get.exit() == 1 && get.err().contains("not found");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void etcdFrozenForThreeTimesTheTtlFailsNoCall() throws Exception {
        etcd = EtcdServer.start(dir.resolve("etcd"));
        String url = startGatewayAndGreeterHosts(etcd.endpoint(), "2");
        try (LoadCallers load = new LoadCallers(16, url, "{\"name\":\"John\"}")) {
            load.awaitMore("calls to flow", 500);
            etcd.freeze();
            long frozen = System.nanoTime();
            try {
                // The event lasts 3 x the TTL; the callers go on meanwhile from the hosts' caches.
                Processes.await("15 s of a frozen etcd", Duration.ofSeconds(30),
                        () -> System.nanoTime() - frozen >= Duration.ofSeconds(15).toNanos());
            } finally {
                etcd.thaw();
            }
            // On resuming, etcd expires every lease at once: the caches must not fall to empty, and the hosts
            // register again as soon as their watch shows their entries gone.
            long thawed = System.nanoTime();
            Processes.await("10 s after etcd resumed", Duration.ofSeconds(30),
                    () -> System.nanoTime() - thawed >= Duration.ofSeconds(10).toNanos());
            load.awaitMore("calls after etcd resumed", 500);
            load.close();
            assertEquals(java.util.List.of(), load.firstFailures(), load.failed() + " of " + load.calls() + " calls failed");
        }
        String[] last = { "" };
        Processes.await("both greeter nodes back in etcd", Duration.ofSeconds(20), () -> {
            try {
                last[0] = Processes.run("get", "service", "micro.srv.greeter", "--registry", "etcd", "--registry_address",
                        etcd.endpoint()).out();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return last[0].split("micro\\.srv\\.greeter-", -1).length - 1 == 2;
        });
    }

    @Test
    void aThreeMemberEtcdClusterLosingItsLeaderFailsNoCall() throws Exception {
        cluster = EtcdServer.cluster(dir.resolve("cluster"), 3);
        String url = startGatewayAndGreeterHosts(String.join(",", cluster.stream().map(EtcdServer::endpoint).toList()), "2");
        try (LoadCallers load = new LoadCallers(16, url, "{\"name\":\"John\"}")) {
            load.awaitMore("calls to flow", 500);
            EtcdServer leader = null;
            for (EtcdServer member : cluster) {
                if (member.isLeader()) {
                    leader = member;
                }
            }
            assertTrue(leader != null, "the cluster has a leader");
            leader.kill();
            EtcdServer gone = leader;
            Processes.await("a new leader", Duration.ofSeconds(30), () -> cluster.stream().filter(m -> m != gone).anyMatch(m -> {
                try {
                    return m.isLeader();
                } catch (Exception e) {
                    return false;
                }
            }));
            // Past a TTL after the loss: renewals and watches have moved to the members left.
            long lost = System.nanoTime();
            Processes.await("a TTL after the leader was lost", Duration.ofSeconds(30),
                    () -> System.nanoTime() - lost >= Duration.ofSeconds(6).toNanos());
            load.awaitMore("calls after the leader was lost", 500);
            load.close();
            assertEquals(java.util.List.of(), load.firstFailures(), load.failed() + " of " + load.calls() + " calls failed");
        }
    }

    @Test
    void oneOfThreeGreeterHostsStoppedWithSigtermFailsNoCall() throws Exception {
        etcd = EtcdServer.start(dir.resolve("etcd"));
        // Renewals every second: one lands in a drain now and then, and must not bring a leaving service back.
        String url = startGatewayAndGreeterHosts(etcd.endpoint(), "1");
        hostC = startGreeterHost(etcd.endpoint(), "1");
        try (LoadCallers load = new LoadCallers(16, url, "{\"name\":\"John\"}")) {
            load.awaitMore("calls to flow", 500);
            hostB.toHandle().destroy(); // SIGTERM: B deregisters, serves on while A's cache drops it, then stops
            assertTrue(hostB.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "B did not stop");
            load.awaitMore("calls after B left", 500);
            load.close();
            assertEquals(java.util.List.of(), load.firstFailures(), load.failed() + " of " + load.calls() + " calls failed");
        }
    }
}
