package micro.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import micro.broker.rabbitmq.internal.RabbitMqServer;
import micro.host.Processes.Collector;
import micro.host.Processes.Result;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code micro.jar server --broker rabbitmq} on a real rabbitmq-server: the greeter's subscriber gets a one-shot publish. */
class RabbitMqBrokerIT {

    private RabbitMqServer rabbit;
    private Process host;

    @AfterEach
    void stop() throws Exception {
        if (host != null) {
            host.destroyForcibly().waitFor();
        }
        if (rabbit != null) {
            rabbit.close();
        }
    }

    @Test
    void anEventPublishedThroughRabbitMqReachesTheGreetersSubscriber() throws Exception {
        rabbit = RabbitMqServer.start();
        String url = "amqp://guest:guest@" + rabbit.address() + "/";
        host = new ProcessBuilder(Processes.java("server", "--broker", "rabbitmq", "--broker_address", url,
                "--cli_address", "127.0.0.1:" + Processes.freePort(), "--api_address", "127.0.0.1:" + Processes.freePort()))
                .redirectErrorStream(true).start();
        Collector out = Collector.of(host.getInputStream());
        Processes.await("the host to start", Duration.ofSeconds(60),
                () -> out.text().contains("e.g. java -jar micro.jar list services") || !host.isAlive());
        assertTrue(out.text().contains("broker     rabbitmq at amqp://guest:***@" + rabbit.address() + "/"),
                "the banner names the broker, not its password: " + out.text());
        Processes.await("the subscription on RabbitMQ", Duration.ofSeconds(30),
                () -> out.text().contains("subscribed to micro.topic.greeted on broker rabbitmq"));

        Result published = Processes.run("publish", "micro.topic.greeted", "{\"name\":\"John\"}", "--broker", "rabbitmq",
                "--broker_address", rabbit.address());
        assertEquals(0, published.exit(), published.err());
        Processes.await("the greeter's subscriber to log the event", Duration.ofSeconds(30),
                () -> out.text().contains("event on micro.topic.greeted: {name=John}"));
    }
}
