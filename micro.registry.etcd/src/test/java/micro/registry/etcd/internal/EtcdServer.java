package micro.registry.etcd.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import micro.core.internal.testing.Await;

/**
 * A real etcd (Debian package etcd-server) on free loopback ports with its own data folder. A missing
 * binary fails the test: CI installs the package, a skipped registry test would hide a broken one.
 */
public final class EtcdServer implements AutoCloseable {

    private final Path dataDir;
    private final String name;
    private final int clientPort;
    private final int peerPort;
    private String initialCluster;
    private Process process;

    private EtcdServer(Path dataDir, String name, int clientPort, int peerPort) {
        this.dataDir = dataDir;
        this.name = name;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.initialCluster = name + "=" + peerUrl();
    }

    public static EtcdServer start(Path dataDir) throws Exception {
        EtcdServer server = new EtcdServer(dataDir, "default", freePort(), freePort());
        server.start();
        return server;
    }

    /** {@code members} etcd processes forming one cluster on loopback, each with a folder below {@code dir}. */
    public static List<EtcdServer> cluster(Path dir, int members) throws Exception {
        List<EtcdServer> cluster = new java.util.ArrayList<>();
        for (int i = 1; i <= members; i++) {
            cluster.add(new EtcdServer(dir.resolve("member-" + i), "member-" + i, freePort(), freePort()));
        }
        String initial = String.join(",", cluster.stream().map(m -> m.name + "=" + m.peerUrl()).toList());
        for (EtcdServer member : cluster) {
            member.initialCluster = initial;
            member.launch(); // all first: a member waits for a quorum before it is healthy
        }
        for (EtcdServer member : cluster) {
            member.awaitHealthy();
        }
        return cluster;
    }

    /** Whether this member leads its cluster right now. */
    public boolean isLeader() throws Exception {
        HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + endpoint()
                + "/v3/maintenance/status")).POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(2))
                .build(), HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher leader = java.util.regex.Pattern.compile("\"leader\":\"(\\d+)\"").matcher(status.body());
        java.util.regex.Matcher member = java.util.regex.Pattern.compile("\"member_id\":\"(\\d+)\"").matcher(status.body());
        return leader.find() && member.find() && leader.group(1).equals(member.group(1));
    }

    /** {@code kill -9}: the member is gone at once, as a lost machine. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    private String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    public static String binary() {
        for (String candidate : List.of("/usr/bin/etcd", "/usr/local/bin/etcd")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("etcd is not installed: apt-get install etcd-server (.ci/run does)");
    }

    public void start() throws Exception {
        launch();
        awaitHealthy();
    }

    private void launch() throws IOException {
        String client = "http://127.0.0.1:" + clientPort;
        String peer = peerUrl();
        Files.createDirectories(dataDir);
        process = new ProcessBuilder(binary(), "--name", name, "--data-dir", dataDir.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client, "--listen-peer-urls", peer,
                "--initial-advertise-peer-urls", peer, "--initial-cluster", initialCluster,
                "--initial-cluster-state", "new", "--initial-cluster-token", "micro-test")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("etcd.log").toFile()))
                .start();
    }

    /** {@code kill -STOP}: etcd holds its connections and answers nothing, as a frozen VM or a long GC pause. */
    public void freeze() throws Exception {
        signal("-STOP");
    }

    /** {@code kill -CONT}: etcd resumes, and expires every lease whose TTL passed meanwhile. */
    public void thaw() throws Exception {
        signal("-CONT");
    }

    private void signal(String which) throws Exception {
        Process kill = new ProcessBuilder("kill", which, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill " + which + " " + process.pid() + " failed");
        }
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    /** host:port of the client API. */
    public String endpoint() {
        return "127.0.0.1:" + clientPort;
    }

    private void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Await.probe("etcd to report healthy", Duration.ofSeconds(30), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("etcd exited:\n" + Files.readString(dataDir.resolve("etcd.log")));
            }
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint() + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return health.body().contains("\"true\"");
        }, () -> {
            try {
                return Files.readString(dataDir.resolve("etcd.log"));
            } catch (IOException e) {
                return "(no etcd.log)";
            }
        });
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
