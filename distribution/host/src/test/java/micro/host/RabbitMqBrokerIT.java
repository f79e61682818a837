package micro.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import micro.broker.nats.internal.NatsServer;
import micro.broker.rabbitmq.internal.RabbitMqServer;
import micro.core.internal.testing.ServerProcess;
import micro.host.Processes.Collector;
import micro.host.Processes.Result;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code micro.jar server --transport nats --broker rabbitmq}, the plugins of the seed's flags
 * together, on a real rabbitmq-server and nats-server: the greeter answers over NATS and its
 * subscriber gets a one-shot publish through RabbitMQ.
 */
class RabbitMqBrokerIT {

    @TempDir
    Path dir;
    private RabbitMqServer rabbit;
    private ServerProcess nats;
    private Process host;

    @AfterEach
    void stop() throws Exception {
        if (host != null) {
            host.destroyForcibly().waitFor();
        }
        if (rabbit != null) {
            rabbit.close();
        }
        if (nats != null) {
            nats.close();
        }
    }

    @Test
    void overNatsWithRabbitMqTheGreeterAnswersAndItsSubscriberGetsAnEvent() throws Exception {
        rabbit = RabbitMqServer.start();
        nats = NatsServer.start(dir.resolve("nats"));
        String url = "amqp://guest:guest@" + rabbit.address() + "/";
        String cli = "127.0.0.1:" + Processes.freePort();
        host = new ProcessBuilder(Processes.java("server", "--transport", "nats", "--transport_address", nats.address(),
                "--broker", "rabbitmq", "--broker_address", url, "--cli_address", cli,
                "--api_address", "127.0.0.1:" + Processes.freePort())).redirectErrorStream(true).start();
        Collector out = Collector.of(host.getInputStream());
        Processes.await("the host to start", Duration.ofSeconds(60),
                () -> out.text().contains("e.g. java -jar micro.jar list services") || !host.isAlive());
        assertTrue(out.text().contains("broker     rabbitmq at amqp://guest:***@" + rabbit.address() + "/"),
                "the banner names the broker, not its password: " + out.text());
        assertTrue(out.text().contains("transport  nats on micro.node."), out.text());
        Result query = Processes.run("query", "micro.api.greeter", "Say.Hello", "{\"name\":\"John\"}", "--cli_address", cli);
        assertEquals(0, query.exit(), query.err());
        assertTrue(query.out().contains("Hello John"), query.out());
        Processes.await("the subscription on RabbitMQ", Duration.ofSeconds(30),
                () -> out.text().contains("subscribed to micro.topic.greeted on broker rabbitmq"));

        Result published = Processes.run("publish", "micro.topic.greeted", "{\"name\":\"John\"}", "--broker", "rabbitmq",
                "--broker_address", rabbit.address());
        assertEquals(0, published.exit(), published.err());
        Processes.await("the greeter's subscriber to log the event", Duration.ofSeconds(30),
                () -> out.text().contains("event on micro.topic.greeted: {name=John}"));
    }
}
