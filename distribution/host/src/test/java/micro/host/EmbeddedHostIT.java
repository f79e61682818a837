package micro.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import micro.host.Processes.Collector;
import micro.host.Processes.Result;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The quick start: {@code micro.jar server} in one process, the commands in others. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedHostIT {

    private static Process host;
    private static Collector hostOut;
    private static String cli;
    private static String api;

    @BeforeAll
    static void startHost() throws Exception {
        cli = "127.0.0.1:" + Processes.freePort();
        api = "127.0.0.1:" + Processes.freePort();
        host = new ProcessBuilder(Processes.java("server", "--cli_address", cli, "--api_address", api, "--api_routes",
                "/greeter/http/=api", "--server_version", "1.1.0", "--server_id", "embedded",
                "--wrappers", "logging,breaker,ratelimit")).redirectErrorStream(true).start();
        hostOut = Collector.of(host.getInputStream());
        Processes.await("the host to start", Duration.ofSeconds(60),
                () -> hostOut.text().contains("e.g. java -jar micro.jar list services") || !host.isAlive());
        assertTrue(host.isAlive(), "the host died:\n" + hostOut.text());
    }

    @AfterAll
    static void stopHost() throws Exception {
        if (host != null && host.isAlive()) {
            host.destroyForcibly();
        }
    }

    private static Result micro(String... args) throws Exception {
        String[] withAddress = new String[args.length + 2];
        System.arraycopy(args, 0, withAddress, 0, args.length);
        withAddress[args.length] = "--cli_address";
        withAddress[args.length + 1] = cli;
        return Processes.run(withAddress);
    }

    @Test
    @Order(1)
    void theHostSaysWhereItListens() {
        String out = hostOut.text();
        assertTrue(out.contains("transport  http on 127.0.0.1:"), out);
        assertTrue(out.contains("services   micro.api.greeter, micro.bot.uptime, micro.srv.greeter"), out);
        assertTrue(out.contains("gateway    http://" + api + "   namespace micro.api, handler rpc"), out);
        assertTrue(out.contains("  web        http://127.0.0.1:"), "the banner names the dashboard: " + out);
        assertTrue(out.contains("  wrappers   logging, breaker, ratelimit\n"), out);
    }

    @Test
    @Order(2)
    void listsTheGreeterServices() throws Exception {
        Result list = micro("list", "services");
        assertEquals(0, list.exit(), list.err());
        // the http broker registers each subscribed topic as a service topic:<topic>, as go-micro's does;
        // the web dashboard registers itself as micro.web, as go-micro's did as go.micro.web
        assertEquals("micro.api.greeter\nmicro.bot.uptime\nmicro.srv.greeter\nmicro.web\ntopic:micro.topic.greeted\n", list.out());
        Result json = micro("list", "services", "--json");
        assertEquals(0, json.exit(), json.err());
        assertEquals("[\"micro.api.greeter\",\"micro.bot.uptime\",\"micro.srv.greeter\",\"micro.web\",\"topic:micro.topic.greeted\"]\n",
                json.out(), "--json: an array for scripts");
    }

    @Test
    @Order(3)
    void getsTheGreeterWithNodesAndSchemas() throws Exception {
        Result get = micro("get", "service", "micro.srv.greeter");
        assertEquals(0, get.exit(), get.err());
        assertTrue(get.out().startsWith("service  micro.srv.greeter\n\nversion 1.1.0\n"), "--server_version: " + get.out());
        assertTrue(get.out().contains("\nmicro.srv.greeter-embedded\t127.0.0.1\t"), "--server_id: " + get.out());
        assertTrue(get.out().contains("\t127.0.0.1\t"), get.out());
        assertTrue(get.out().contains("transport=http"), get.out());
        assertTrue(get.out().contains("Endpoint: Say.Hello\nMetadata: stream=false\nRequest:\n{\n\tname string\n}\n"
                + "Response:\n{\n\tmsg string\n}\n"), get.out());
        assertTrue(get.out().contains("Endpoint: Debug.Health"), get.out());
    }

    @Test
    @Order(4)
    void queriesTheGreeterDirectlyAndThroughTheApi() throws Exception {
        Result direct = micro("query", "micro.srv.greeter", "Say.Hello", "{\"name\": \"John\"}");
        assertEquals(0, direct.exit(), direct.err());
        assertEquals("{\n\t\"msg\": \"Hello John\"\n}\n", direct.out());
        Result api = micro("query", "micro.api.greeter", "Say.Hello", "{\"name\": \"John\"}");
        assertEquals(0, api.exit(), api.err());
        assertTrue(api.out().contains("\"Hello John\""), api.out());
    }

    @Test
    @Order(4)
    void aGoMicroClientCallsTheGreeterInJsonRpcOverTheHttpTransport() throws Exception {
        java.util.regex.Matcher transport = java.util.regex.Pattern.compile("transport  http on (127\\.0\\.0\\.1:\\d+)")
                .matcher(hostOut.text());
        assertTrue(transport.find(), hostOut.text());
        // what go-micro v1's HTTP transport sent with its json-rpc codec
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
                + transport.group(1) + "/")).header("Content-Type", "application/json-rpc")
                .header("Micro-Service", "micro.srv.greeter").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"method\":\"Say.Hello\",\"params\":[{\"name\":\"Go\"}],\"id\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
        assertEquals("{\"id\":1,\"result\":{\"msg\":\"Hello Go\"},\"error\":null}", reply.body());
    }

    @Test
    @Order(4)
    void metadataFromTheGatewayTravelThroughTheApiToTheService() throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + api
                + "/greeter/say/hello")).header("Content-Type", "application/json").header("X-Micro-Trace-Id", "trace-42")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Meta\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
        // the request log (--wrappers logging) of the greeter's service: called by the API, with the edge's trace id
        Processes.await("the request log line of micro.srv.greeter", Duration.ofSeconds(10), () -> hostOut.text()
                .contains("micro.srv.greeter Say.Hello from micro.api.greeter [X-Micro-Trace-Id=trace-42]: ok in "));
        assertTrue(hostOut.text().contains("micro.api.greeter Say.Hello [X-Micro-Trace-Id=trace-42]: ok in "), hostOut.text());
    }

    @Test
    @Order(4)
    void statsShowsEachNodeAndJsonGivesTheReplies() throws Exception {
        Result stats = micro("stats", "micro.srv.greeter");
        assertEquals(0, stats.exit(), stats.err());
        assertTrue(stats.out().contains("node\t\taddress:port\t\tstarted\tuptime\tmemory\tthreads\tgc\nmicro.srv.greeter-embedded\t\t127.0.0.1:"),
                stats.out());
        assertTrue(stats.out().contains(" MiB\t"), stats.out());
        Result json = micro("stats", "micro.srv.greeter", "--json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().startsWith("[{\"version\":\"1.1.0\",\"node\":\"micro.srv.greeter-embedded\""), json.out());
        assertTrue(json.out().contains("\"threads\":"), json.out());
    }

    @Test
    @Order(4)
    void streamsGreetingsFromAStreamingEndpoint() throws Exception {
        Result stream = micro("stream", "micro.srv.greeter", "Say.Stream", "{\"name\":\"John\",\"count\":3}");
        assertEquals(0, stream.exit(), stream.err());
        assertEquals("{\n\t\"msg\": \"Hello John 1\"\n}\n{\n\t\"msg\": \"Hello John 2\"\n}\n{\n\t\"msg\": \"Hello John 3\"\n}\n",
                stream.out());
        Result unary = micro("query", "micro.srv.greeter", "Say.Stream", "{}");
        assertTrue(unary.err().contains("streaming endpoint"), unary.err());
        Result refused = micro("stream", "micro.srv.greeter", "Say.Stream", "{\"count\":-1}");
        assertTrue(refused.exit() != 0 && refused.err().contains("count must be between"), refused.err());
        Result cut = micro("stream", "micro.srv.greeter", "Say.Stream", "{\"name\":\"J\",\"count\":10005}");
        assertEquals(0, cut.exit(), cut.err());
        assertTrue(cut.out().endsWith("\"Hello J 10000\"\n}\n... stopped after 10000 messages\n"),
                "a long stream is cut, not collected without end: " + cut.out().substring(Math.max(0, cut.out().length() - 200)));
    }

    @Test
    @Order(5)
    void reportsHealthOfEveryNode() throws Exception {
        Result health = micro("health", "micro.srv.greeter");
        assertEquals(0, health.exit(), health.err());
        assertTrue(health.out().contains("node\t\taddress:port\t\tstatus"), health.out());
        assertTrue(health.out().trim().endsWith("ok"), health.out());
    }

    @Test
    @Order(6)
    void badInputGetsClearErrorsAndTheHostKeepsServing() throws Exception {
        Result unknownService = micro("query", "micro.srv.nobody", "Say.Hello", "{}");
        assertEquals(1, unknownService.exit());
        assertTrue(unknownService.err().contains("error 404") && unknownService.err().contains("micro.srv.nobody"),
                unknownService.err());

        Result unknownEndpoint = micro("query", "micro.srv.greeter", "Say.Goodbye", "{}");
        assertTrue(unknownEndpoint.err().contains("error 404") && unknownEndpoint.err().contains("Say.Goodbye")
                && unknownEndpoint.err().contains("known endpoints: Debug.Health, Debug.Stats, Say.Hello"), unknownEndpoint.err());

        Result malformed = micro("query", "micro.srv.greeter", "Say.Hello", "{\"name\":");
        assertTrue(malformed.err().contains("error 400") && malformed.err().contains("not valid JSON"), malformed.err());

        Result refused = micro("query", "micro.srv.greeter", "Say.Hello", "{\"name\":\"\"}");
        assertTrue(refused.err().contains("error 400: name is required"), refused.err());

        Result misuse = micro("list");
        assertEquals(1, misuse.exit());
        assertTrue(misuse.err().contains("list what?") && misuse.err().contains("usage: list services"), misuse.err());

        Result again = micro("query", "micro.srv.greeter", "Say.Hello", "{\"name\":\"again\"}");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("Hello again"));
    }

    private static HttpResponse<String> gateway(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + api + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(6)
    void theGatewayServesTheGreeterThroughEveryHandler() throws Exception {
        HttpResponse<String> rpc = gateway("POST", "/greeter/say/hello", "{\"name\":\"John\"}");
        assertEquals(200, rpc.statusCode(), rpc.body());
        assertEquals("{\"msg\":\"Hello John\"}", rpc.body());
        assertEquals("{\"msg\":\"Hello Ann\"}", gateway("GET", "/greeter/say/hello?name=Ann", null).body());

        HttpResponse<String> any = gateway("POST", "/rpc",
                "{\"service\":\"micro.srv.greeter\",\"endpoint\":\"Say.Hello\",\"request\":{\"name\":\"Bob\"}}");
        assertEquals("{\"msg\":\"Hello Bob\"}", any.body());

        HttpResponse<String> http = gateway("GET", "/greeter/http/hello?name=Eve", null);
        assertEquals(200, http.statusCode(), http.body());
        assertEquals("{\"msg\":\"Hello Eve\"}", http.body());
        assertEquals(400, gateway("GET", "/greeter/http/hello", null).statusCode());

        HttpResponse<String> unknown = gateway("POST", "/nobody/say/hello", "{}");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("micro.api.nobody") && unknown.body().contains("namespace micro.api"), unknown.body());
        assertEquals(400, gateway("POST", "/greeter/say/hello", "{oops").statusCode());
        HttpResponse<String> event = gateway("POST", "/event/micro.topic.greeted", "{\"name\":\"Gateway\"}");
        assertEquals(200, event.statusCode(), event.body());
        Processes.await("the greeter's subscriber to log the gateway's event", Duration.ofSeconds(20),
                () -> hostOut.text().contains("event on micro.topic.greeted: {name=micro.topic.greeted")
                        && hostOut.text().contains("data={name=Gateway}"));
    }

    @Test
    @Order(6)
    void routesExplainsHowAPathResolves() throws Exception {
        Result routes = micro("routes", "/greeter/say/hello");
        assertEquals(0, routes.exit(), routes.err());
        assertTrue(routes.out().contains("handler    rpc (default)") && routes.out().contains("service    micro.api.greeter")
                && routes.out().contains("endpoint   Say.Hello") && routes.out().contains("registry   1 node in memory"), routes.out());
        Result http = micro("routes", "/greeter/http/hello");
        assertTrue(http.out().contains("handler    api (route)"), http.out());
        Result missing = micro("routes", "/greeter/say/bye");
        assertTrue(missing.out().contains("no endpoint Say.Bye"), missing.out());
    }

    @Test
    @Order(6)
    void publishedEventsReachTheGreetersSubscriber() throws Exception {
        Result published = micro("publish", "micro.topic.greeted", "{\"name\":\"John\"}");
        assertEquals(0, published.exit(), published.err());
        assertEquals("published on micro.topic.greeted\n", published.out());
        Processes.await("the subscriber to log the event", Duration.ofSeconds(20),
                () -> hostOut.text().contains("event on micro.topic.greeted: {name=John}"));
        Result nothing = micro("publish", "micro.topic.nobody", "{}");
        assertEquals(0, nothing.exit(), "a topic without subscribers is not an error: " + nothing.err());
    }

    @Test
    @Order(6)
    void registersAndDeregistersAServiceFromAJsonFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("legacy.json");
        Files.writeString(file, "{\"name\":\"legacy.billing\",\"version\":\"1.0\",\"nodes\":[{\"id\":\"billing-1\","
                + "\"address\":\"127.0.0.1:9\",\"metadata\":{}}]}");
        Result registered = micro("register", "service", file.toString());
        assertEquals(0, registered.exit(), registered.err());
        assertTrue(registered.out().contains("registered legacy.billing 1.0 with 1 node in memory"), registered.out());
        assertTrue(micro("list", "services").out().contains("legacy.billing"));
        Result deregistered = micro("deregister", "service", file.toString());
        assertEquals(0, deregistered.exit(), deregistered.err());
        assertTrue(!micro("list", "services").out().contains("legacy.billing"));
        Result broken = micro("register", "service", dir.resolve("missing.json").toString());
        assertTrue(broken.exit() != 0 && broken.err().contains("cannot read"), broken.err());
    }

    @Test
    @Order(7)
    void misuseOfMicroJarItselfExplainsAndExitsWith2() throws Exception {
        Result unknown = Processes.run("frobnicate");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown command 'frobnicate'"), unknown.err());
        Result help = Processes.run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--registry_address") && help.out().contains("$MICRO_REGISTER_TTL"), help.out());
    }

    @Test
    @Order(8)
    void sigtermDeregistersAndStops() throws Exception {
        host.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
        assertTrue(host.waitFor(60, TimeUnit.SECONDS), "the host did not stop");
        hostOut.join();
        assertTrue(hostOut.text().contains("micro host stopping: deregistering services"), "exit " + host.exitValue() + ": " + hostOut.text());
        assertTrue(hostOut.text().contains("micro host stopped"), hostOut.text());
        Result gone = micro("list", "services");
        assertTrue(gone.err().contains("no micro host answers on " + cli), gone.err());
    }
}
