package micro.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import micro.broker.nats.internal.NatsServer;
import micro.core.internal.testing.ServerProcess;
import micro.host.Processes.Collector;
import micro.host.Processes.Result;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start's event over a real nats-server: a host subscribed through NATS, a one-shot publish. */
class NatsBrokerIT {

    @TempDir
    Path dir;
    private ServerProcess nats;
    private Process host;

    @AfterEach
    void stop() throws Exception {
        if (host != null) {
            host.destroyForcibly().waitFor();
        }
        if (nats != null) {
            nats.close();
        }
    }

    @Test
    void anEventPublishedThroughNatsReachesTheGreetersSubscriber() throws Exception {
        nats = NatsServer.start(dir.resolve("nats"));
        host = new ProcessBuilder(Processes.java("server", "--broker", "nats", "--broker_address", nats.address(),
                "--cli_address", "127.0.0.1:" + Processes.freePort(), "--api_address", "127.0.0.1:" + Processes.freePort()))
                .redirectErrorStream(true).start();
        Collector out = Collector.of(host.getInputStream());
        Processes.await("the host to start", Duration.ofSeconds(60),
                () -> out.text().contains("e.g. java -jar micro.jar list services") || !host.isAlive());
        assertTrue(out.text().contains("broker     nats at " + nats.address()), out.text());
        Processes.await("the subscription on NATS", Duration.ofSeconds(30),
                () -> out.text().contains("subscribed to micro.topic.greeted on broker nats"));

        Result published = Processes.run("publish", "micro.topic.greeted", "{\"name\":\"John\"}", "--broker", "nats",
                "--broker_address", nats.address());
        assertEquals(0, published.exit(), published.err());
        Processes.await("the greeter's subscriber to log the event", Duration.ofSeconds(30),
                () -> out.text().contains("event on micro.topic.greeted: {name=John}"));
    }
}
