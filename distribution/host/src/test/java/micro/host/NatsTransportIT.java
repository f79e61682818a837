package micro.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import micro.broker.nats.internal.NatsServer;
import micro.core.internal.testing.ServerProcess;
import micro.host.Processes.Collector;
import micro.host.Processes.Result;
import micro.registry.etcd.internal.EtcdServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code micro.jar server --transport nats}: two hosts on a real etcd and a real nats-server, the
 * second calling the first's greeter over NATS.
 */
class NatsTransportIT {

    @TempDir
    Path dir;
    private EtcdServer etcd;
    private ServerProcess nats;
    private final List<Process> hosts = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Process host : hosts) {
            host.destroyForcibly().waitFor();
        }
        if (nats != null) {
            nats.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    private Collector startHost(String cli, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("server", "--registry", "etcd", "--registry_address", etcd.endpoint(),
                "--transport", "nats", "--transport_address", nats.address(), "--cli_address", cli,
                "--api_address", "127.0.0.1:" + Processes.freePort()));
        args.addAll(List.of(extra));
        Process host = new ProcessBuilder(Processes.java(args.toArray(String[]::new))).redirectErrorStream(true).start();
        hosts.add(host);
        Collector out = Collector.of(host.getInputStream());
        Processes.await("a host to start", Duration.ofSeconds(60),
                () -> out.text().contains("e.g. java -jar micro.jar list services") || !host.isAlive());
        assertTrue(host.isAlive(), "the host died:\n" + out.text());
        return out;
    }

    @Test
    void aHostCallsTheGreeterOfAnotherOverNats() throws Exception {
        etcd = EtcdServer.start(dir.resolve("etcd"));
        nats = NatsServer.start(dir.resolve("nats"));
        String cliA = "127.0.0.1:" + Processes.freePort();
        String cliB = "127.0.0.1:" + Processes.freePort();
        Collector a = startHost(cliA);
        assertTrue(a.text().contains("transport  nats on micro.node."), "the node listens on a NATS subject: " + a.text());
        startHost(cliB, "--greeter=false");

        Result get = Processes.run("get", "service", "micro.srv.greeter", "--cli_address", cliB);
        assertEquals(0, get.exit(), get.err());
        assertTrue(get.out().contains("transport=nats"), "a node served over NATS says so: " + get.out());
        assertTrue(get.out().contains("micro.node."), get.out());
        assertTrue(!get.out().contains("transport=http"), "--transport nats serves over NATS alone: " + get.out());

        Result query = Processes.run("query", "micro.srv.greeter", "Say.Hello", "{\"name\":\"Nats\"}", "--cli_address", cliB);
        assertEquals(0, query.exit(), query.err());
        assertEquals("{\n\t\"msg\": \"Hello Nats\"\n}\n", query.out());

        Result stream = Processes.run("stream", "micro.srv.greeter", "Say.Stream", "{\"name\":\"Nats\",\"count\":2}",
                "--cli_address", cliB);
        assertEquals(0, stream.exit(), stream.err());
        assertEquals("{\n\t\"msg\": \"Hello Nats 1\"\n}\n{\n\t\"msg\": \"Hello Nats 2\"\n}\n", stream.out(),
                "streams go over NATS too");
        Result windows = Processes.run("stream", "micro.srv.greeter", "Say.Stream", "{\"name\":\"N\",\"count\":3000}",
                "--cli_address", cliB);
        assertEquals(0, windows.exit(), windows.err());
        assertTrue(windows.out().endsWith("\"Hello N 3000\"\n}\n"), "every window of credit came back: "
                + windows.out().substring(Math.max(0, windows.out().length() - 200)));
    }
}
