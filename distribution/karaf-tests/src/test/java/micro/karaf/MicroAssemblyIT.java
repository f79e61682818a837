package micro.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import micro.bot.xmpp.internal.Prosody;
import micro.bot.xmpp.internal.XmppTestClient;
import micro.core.internal.testing.ServerProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The custom assembly boots with micro installed and ships loopback-only defaults. */
class MicroAssemblyIT {

    private static final Path HOME = Path.of(System.getProperty("micro.karaf.assembly"));

    @Test
    void shipsSshOnLoopback() throws Exception {
        String shell = Files.readString(HOME.resolve("etc/org.apache.karaf.shell.cfg"));
        assertTrue(shell.contains("\nsshHost = 127.0.0.1"), "sshHost must default to loopback");
        String management = Files.readString(HOME.resolve("etc/org.apache.karaf.management.cfg"));
        assertTrue(management.contains("\nrmiRegistryHost = 127.0.0.1") && management.contains("\nrmiServerHost = 127.0.0.1"));
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @TempDir
    Path dir;

    @Test
    void bootsWithTheGreeterServedTheMicroCommandsAndTheGateway() throws Exception {
        try (Karaf karaf = Karaf.prepare(HOME)) {
            karaf.start();
            karaf.awaitOutput("micro:list services", "micro.srv.greeter", Duration.ofMinutes(3));
            String reply = karaf.awaitOutput("micro:query micro.api.greeter Say.Hello '{\"name\":\"John\"}'", "Hello John",
                    Duration.ofSeconds(60));
            assertTrue(reply.contains("\"msg\": \"Hello John\""), reply);
            String health = karaf.awaitOutput("micro:health micro.srv.greeter", "ok", Duration.ofSeconds(30));
            assertTrue(health.contains("127.0.0.1:"), health);
            assertTrue(karaf.postUntilOk("/greeter/say/hello", "{\"name\":\"John\"}", Duration.ofSeconds(60))
                    .contains("Hello John"));
            String streamed = karaf.awaitOutput("micro:stream micro.srv.greeter Say.Stream '{\"name\":\"John\",\"count\":2}'",
                    "Hello John 2", Duration.ofSeconds(30));
            assertTrue(streamed.contains("Hello John 1"), streamed);
            Karaf.Result misuse = karaf.run("micro:get service");
            assertTrue(misuse.exit() != 0 && misuse.output().contains("name") && misuse.output().contains("required"),
                    "a missing argument is named: " + misuse.output());
            Karaf.Result extra = karaf.run("micro:list services extra");
            assertTrue(extra.exit() != 0 && extra.output().toLowerCase().contains("too many arguments"), extra.output());

            // Karaf's own command API: help, tables that line up, --no-format and --json for scripts.
            String help = karaf.run("micro:list --help").output();
            for (String section : new String[] { "DESCRIPTION", "SYNTAX", "ARGUMENTS", "OPTIONS", "--json", "--no-format" }) {
                assertTrue(help.contains(section), "micro:list --help shows " + section + ":\n" + help);
            }
            // help and Tab need a terminal: a scripted session at a pseudo-terminal, as a person types.
            try (Karaf.Terminal terminal = karaf.terminal()) {
                terminal.await("karaf@", Duration.ofSeconds(60));
                terminal.type("help micro\n");
                String scope = terminal.await("micro:routes", Duration.ofSeconds(30)); // the pager's first page
                for (String command : new String[] { "SUBSHELL", "micro:list", "micro:get", "micro:health", "micro:query",
                        "micro:call", "micro:publish", "micro:register", "micro:deregister" }) {
                    assertTrue(scope.contains(command), "help micro lists " + command + ":\n" + scope);
                }
                terminal.type("q");
                terminal.type("micro:health micro.srv.gr\t");
                terminal.await("micro:health micro.srv.greeter", Duration.ofSeconds(30)); // completed from the registry
                terminal.type("\n");
                terminal.await("STATUS", Duration.ofSeconds(30));
            }
            String table = karaf.run("micro:list services").output();
            assertTrue(table.contains("NAME") && table.contains("VERSIONS") && table.contains("micro.srv.greeter"), table);
            String plain = karaf.run("micro:list --no-format services").output();
            assertTrue(plain.lines().anyMatch(line -> line.startsWith("micro.srv.greeter\t")), "tab-separated: " + plain);
            String json = karaf.run("micro:list --json services").output().strip();
            assertTrue(json.startsWith("[") && json.contains("\"micro.srv.greeter\""), "a JSON array: " + json);
            String healthTable = karaf.run("micro:health micro.srv.greeter").output();
            assertTrue(healthTable.contains("STATUS") && healthTable.contains("ok"), healthTable);

            // The web dashboard comes with the assembly: its registry JSON lists the greeter.
            java.net.http.HttpResponse<String> registry = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(karaf.web() + "/registry"))
                            .header("Accept", "application/json").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(registry.body().contains("micro.srv.greeter"), "the dashboard in Karaf: " + registry.body());

            // The sidecar, as an operator adds it: a feature, then a port of its own.
            int sidecar = freePort();
            assertEquals(0, karaf.run("config:property-set -p micro.sidecar address 127.0.0.1:" + sidecar).exit());
            Karaf.Result installed = karaf.run("feature:install micro-sidecar");
            assertEquals(0, installed.exit(), installed.output());
            karaf.awaitOutput("micro:list services", "micro.sidecar", Duration.ofSeconds(60));
            String viaSidecar = karaf.postUntilOk("http://127.0.0.1:" + sidecar + "/greeter/say/hello", "{\"name\":\"Ann\"}",
                    Duration.ofSeconds(30));
            assertTrue(viaSidecar.contains("Hello Ann"), "the sidecar's path in namespace micro.srv: " + viaSidecar);

            // The bot, as an operator adds it: its PIDs, then the features; it answers on a real Prosody.
            try (ServerProcess prosody = Prosody.start(dir.resolve("prosody"), "micro=bot-pass", "alice=alice-pass")) {
                Path password = Files.writeString(dir.resolve("xmpp.password"), "bot-pass\n");
                for (String setting : new String[] { "micro.bot.xmpp address " + prosody.address(), "micro.bot.xmpp jid micro@localhost",
                        "micro.bot.xmpp password.file " + password, "micro.bot.xmpp tls disabled", "micro.bot allow alice@localhost",
                        "micro.bot admins alice@localhost" }) {
                    assertEquals(0, karaf.run("config:property-set -p " + setting).exit(), setting);
                }
                Karaf.Result bot = karaf.run("feature:install micro-bot micro-bot-xmpp micro-bot-irc");
                assertEquals(0, bot.exit(), bot.output());
                karaf.awaitOutput("micro:list services", "micro.bot", Duration.ofSeconds(60));
                String status = karaf.awaitOutput("micro:query micro.bot Bot.Status", "\"xmpp\": true", Duration.ofSeconds(60));
                assertTrue(status.contains("\"list\"") && status.contains("\"routes\""), "the shell's and the gateway's commands: "
                        + status);
                try (XmppTestClient alice = XmppTestClient.login(prosody.address(), "alice", "alice-pass")) {
                    alice.ask("micro@localhost", "list services", "micro.srv.greeter");
                    alice.ask("micro@localhost", "query micro.srv.greeter Say.Hello {\"name\": \"Karaf\"}", "Hello Karaf");
                    alice.ask("micro@localhost", "routes /greeter/say/hello", "endpoint   Say.Hello");
                }
            }
        }
    }
}
