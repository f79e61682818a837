package micro.bench.reliability;

import java.time.Duration;
import java.util.List;

import micro.bench.ChildProcess;
import micro.bench.Loopback;
import micro.bench.Repo;

/** One micro.jar host of the scenario, which can be stopped, killed and started again on the same ports. */
final class MicroHost implements AutoCloseable {

    static final String TTL = "5";
    static final String INTERVAL = "2";

    private final String name;
    private final List<String> command;
    private final int cli;
    private ChildProcess process;

    private MicroHost(String name, List<String> command, int cli) {
        this.name = name;
        this.command = command;
        this.cli = cli;
    }

    /** A host on the etcd at {@code endpoints} (comma separated), with its gateway at {@code api}. */
    static MicroHost start(Repo repo, String name, String endpoints, int api) throws Exception {
        int cli = Loopback.freePort();
        List<String> command = List.of(ChildProcess.javaBinary(), "-jar", repo.microJar().toString(), "server", "--web_address", "127.0.0.1:0",
                "--registry", "etcd", "--registry_address", endpoints, "--register_ttl", TTL, "--register_interval", INTERVAL,
                "--api_address", "127.0.0.1:" + api, "--cli_address", "127.0.0.1:" + cli, "--log_level", "warn");
        MicroHost host = new MicroHost(name, command, cli);
        host.restart();
        return host;
    }

    void restart() throws Exception {
        process = ChildProcess.start("reliability-host-" + name, command, null).awaitPort(cli, Duration.ofSeconds(60));
    }

    /** SIGTERM, and wait for the host's own clean stop (deregister, drain, close). */
    void stop() throws InterruptedException {
        process.process().destroy();
        process.process().waitFor();
    }

    void kill() throws InterruptedException {
        process.process().destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.close();
        }
    }
}
