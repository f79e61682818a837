package micro.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import micro.host.Processes.Collector;
import micro.host.Processes.Result;
import micro.registry.etcd.internal.EtcdServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar as its users run it: the real Python greeter of examples/greeter/python (python3, standard
 * library only) joins a host through the sidecar, serves calls from micro.jar and the gateway, calls
 * the Java greeter through /rpc, and receives and sends messages through the /broker WebSocket; killed,
 * it leaves the registry within a health interval and comes back when restarted; a standalone
 * {@code micro.jar sidecar} on etcd deregisters its app when it is stopped with SIGTERM.
 */
class SidecarIT {

    private static final Path APP = Path.of(System.getProperty("micro.root", "../..")).resolve("examples/greeter/python/greeter.py");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();
    private EtcdServer etcd;

    @AfterEach
    void stop() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    private Process start(String what, String ready, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        Collector out = Collector.of(process.getInputStream());
        Processes.await(what + " to start", Duration.ofSeconds(60), () -> out.text().contains(ready) || !process.isAlive());
        assertTrue(process.isAlive(), what + " died:\n" + out.text());
        lastOutput = out;
        return process;
    }

    private Collector lastOutput;

    private Process python(int port, String sidecar, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", APP.toString(), "--port", String.valueOf(port), "--sidecar", sidecar));
        command.addAll(List.of(extra));
        return start("the Python greeter", "serving on", command);
    }

    private static Result micro(String... args) throws Exception {
        return Processes.run(args);
    }

    private static void awaitAnswer(String what, String expected, String... args) {
        String[] last = { "" };
        Processes.await(what, Duration.ofSeconds(30), () -> {
            try {
                Result result = micro(args);
                last[0] = result.out() + result.err();
                return result.exit() == 0 && result.out().contains(expected);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void awaitGone(String service, String cli) {
        Processes.await(service + " to leave the registry", Duration.ofSeconds(30), () -> {
            try {
                Result get = micro("get", "service", service, "--cli_address", cli);
                return get.exit() == 1 && get.err().contains("not found");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aPythonAppJoinsThroughTheSidecarOfAHost() throws Exception {
        String cli = "127.0.0.1:" + Processes.freePort();
        String api = "127.0.0.1:" + Processes.freePort();
        String sidecar = "127.0.0.1:" + Processes.freePort();
        int app = Processes.freePort();
        String appAddress = "127.0.0.1:" + app;
        start("the host", "e.g. java -jar micro.jar list services", Processes.java("server", "--cli_address", cli, "--api_address",
                api, "--sidecar_address", sidecar, "--app", "micro.srv.greeter.py=" + appAddress + ",health=http://" + appAddress
                        + "/health", "--healthcheck_interval", "500ms", "--register_ttl", "5", "--register_interval", "2"));
        Collector host = lastOutput;
        assertTrue(host.text().contains("  sidecar    http://" + sidecar), host.text());
        assertTrue(host.text().contains("apps: micro.srv.greeter.py at " + appAddress), host.text());

        Process python = python(app, "http://" + sidecar, "--subscribe", "micro.topic.greeted", "--greet", "Python");
        awaitAnswer("the Python greeter to answer micro.jar", "Hello John from Python", "query", "micro.srv.greeter.py", "Say.Hello",
                "{\"name\":\"John\"}", "--cli_address", cli);
        HttpResponse<String> viaGateway = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + api + "/rpc"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"micro.srv.greeter.py\",\"endpoint\":\"Say.Hello\","
                        + "\"request\":{\"name\":\"Jane\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"msg\": \"Hello Jane from Python\"}", viaGateway.body(), "through the gateway");

        Result relayed = micro("query", "micro.srv.greeter.py", "Say.Relay", "{\"name\":\"Ann\"}", "--cli_address", cli);
        assertTrue(relayed.out().contains("Hello Ann"), "Python called the Java greeter through /rpc: " + relayed.out() + relayed.err());

        Processes.await("the Python app's message to reach the Java subscriber", Duration.ofSeconds(30),
                () -> host.text().contains("event on micro.topic.greeted") && host.text().contains("Python"));
        assertEquals(0, micro("publish", "micro.topic.greeted", "{\"name\":\"FromCli\"}", "--cli_address", cli).exit());
        awaitAnswer("the published message to reach the Python app's WebSocket", "FromCli", "query", "micro.srv.greeter.py",
                "Say.Received", "{}", "--cli_address", cli);

        python.destroyForcibly().waitFor();
        awaitGone("micro.srv.greeter.py", cli);
        python(app, "http://" + sidecar);
        awaitAnswer("the restarted app to be registered again", "Hello Back from Python", "query", "micro.srv.greeter.py",
                "Say.Hello", "{\"name\":\"Back\"}", "--cli_address", cli);
    }

    @Test
    void aStandaloneSidecarOnEtcdDeregistersItsAppWhenStopped() throws Exception {
        etcd = EtcdServer.start(dir.resolve("etcd"));
        String cli = "127.0.0.1:" + Processes.freePort();
        start("the host", "e.g. java -jar micro.jar list services", Processes.java("server", "--registry", "etcd",
                "--registry_address", etcd.endpoint(), "--cli_address", cli, "--api_address", "127.0.0.1:" + Processes.freePort()));
        int app = Processes.freePort();
        String sidecar = "127.0.0.1:" + Processes.freePort();
        Process standalone = start("the sidecar", "micro sidecar started", Processes.java("sidecar", "--registry", "etcd",
                "--registry_address", etcd.endpoint(), "--cli_address", "127.0.0.1:" + Processes.freePort(), "--sidecar_address",
                sidecar, "--server_name", "micro.srv.greeter.py", "--server_address", "127.0.0.1:" + app, "--healthcheck_url",
                "http://127.0.0.1:" + app + "/health", "--healthcheck_interval", "500ms"));
        assertTrue(!lastOutput.text().contains("gateway "), "no gateway in a sidecar:\n" + lastOutput.text());
        python(app, "http://" + sidecar);
        awaitAnswer("the other host to reach the app through etcd", "Hello John from Python", "query", "micro.srv.greeter.py",
                "Say.Hello", "{\"name\":\"John\"}", "--cli_address", cli);

        standalone.destroy(); // SIGTERM
        standalone.waitFor();
        awaitGone("micro.srv.greeter.py", cli);
    }

    @Test
    void misuseOfTheSidecarFlagsIsExplained() throws Exception {
        Result half = micro("sidecar", "--server_name", "micro.srv.x");
        assertEquals(2, half.exit());
        assertTrue(half.err().contains("--server_name and --server_address together"), half.err());
        Result badApp = micro("server", "--app", "nonsense");
        assertEquals(2, badApp.exit());
        assertTrue(badApp.err().contains("is not NAME=HOST:PORT[,health=URL]"), badApp.err());
        Result nameInServer = micro("server", "--server_name", "micro.srv.x");
        assertEquals(2, nameInServer.exit());
        assertTrue(nameInServer.err().contains("describes the app of 'micro.jar sidecar'"), nameInServer.err());
    }
}
