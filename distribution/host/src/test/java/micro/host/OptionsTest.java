package micro.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import micro.host.Options.UsageException;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void optionsMayStandBeforeOrAfterTheCommand() {
        Options options = Options.parse(new String[] { "--cli_address", "127.0.0.1:9000", "query", "greeter", "Say.Hello",
                "{}", "--client_retries=3" }, Map.of());
        assertEquals(List.of("query", "greeter", "Say.Hello", "{}"), options.arguments());
        assertEquals("127.0.0.1:9000", options.get(Flag.CLI_ADDRESS));
        assertEquals("3", options.get(Flag.CLIENT_RETRIES));
    }

    @Test
    void theCommandLineBeatsTheEnvironmentWhichBeatsTheDefault() {
        Map<String, String> env = Map.of("MICRO_REGISTER_TTL", "20", "MICRO_REGISTER_INTERVAL", "5");
        Options options = Options.parse(new String[] { "server", "--register_ttl", "10" }, env);
        assertEquals("10", options.get(Flag.REGISTER_TTL));
        assertEquals("5", options.get(Flag.REGISTER_INTERVAL));
        assertEquals("127.0.0.1:0", options.get(Flag.SERVER_ADDRESS));
    }

    @Test
    void misuseIsNamed() {
        assertEquals("unknown option --registy",
                assertThrows(UsageException.class, () -> Options.parse(new String[] { "--registy", "etcd" }, Map.of())).getMessage());
        assertEquals("option --registry needs a value",
                assertThrows(UsageException.class, () -> Options.parse(new String[] { "server", "--registry" }, Map.of())).getMessage());
    }

    @Test
    void badValuesAreRefusedBeforeAnythingStarts() {
        for (String[] args : new String[][] { { "server", "--log_level", "chatty" }, { "server", "--server_address", "8.8.8.8:1" },
                { "server", "--server_address", "nohost.invalid:1" }, { "server", "--cli_address", "127.0.0.1:99999" },
                { "server", "--api_address", "192.0.2.1:8080" } }) {
            UsageException error = assertThrows(UsageException.class, () -> Configurations.of(Options.parse(args, Map.of())),
                    String.join(" ", args));
            assertTrue(error.getMessage().contains(args[1].substring(2)), error.getMessage());
        }
        assertEquals("0.0.0.0:0", FlagValue.LISTEN_ADDRESS.read(Flag.SERVER_ADDRESS, "0.0.0.0:0", List.of()));
        assertEquals("[::1]:0", FlagValue.LISTEN_ADDRESS.read(Flag.SERVER_ADDRESS, "[::1]:0", List.of()));
    }

    @Test
    void theHttpBrokerAndTheGatewayFollowTheServerAndClientFlags() {
        var pids = Configurations.of(Options.parse(new String[] { "server", "--register_ttl", "9", "--register_interval", "3",
                "--broker_address", "127.0.0.1:7001", "--client_request_timeout", "900ms" }, Map.of()));
        assertEquals("127.0.0.1:7001", pids.get("micro.broker.http").get("address"));
        assertEquals(9L, pids.get("micro.broker.http").get("register.ttl"));
        assertEquals(3L, pids.get("micro.broker.http").get("register.interval"));
        assertEquals(900L, pids.get("micro.gateway").get("request.timeout.ms"));
    }

    @Test
    void versionIsPrintedNotTheHelp() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] { "--version" }, Map.of(), new java.io.PrintStream(out), System.err));
        assertTrue(out.toString().startsWith("micro version "), out.toString());
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() {
        String usage = Options.usage();
        for (Flag flag : Flag.values()) {
            assertTrue(usage.contains("--" + flag.name) && usage.contains("$" + flag.env()), flag.name);
        }
    }

    @Test
    void optionsBecomeConfigurationsOfTheComponentPids() {
        Options options = Options.parse(new String[] { "server", "--register_ttl", "5", "--register_interval", "2",
                "--server_metadata", "zone=a", "--server_metadata", "team=b", "--client_request_timeout", "750ms",
                "--selector", "roundrobin" }, Map.of());
        var pids = Configurations.of(options);
        assertEquals(5L, pids.get("micro.server").get("register.ttl"));
        assertEquals(2L, pids.get("micro.server").get("register.interval"));
        assertArrayEquals(new String[] { "zone=a", "team=b" }, (String[]) pids.get("micro.server").get("metadata"));
        assertEquals(750L, pids.get("micro.client").get("request.timeout.ms"));
        assertEquals("roundrobin", pids.get("micro.selector").get("strategy"));
        assertEquals("127.0.0.1:8089", pids.get("micro.shell.endpoint").get("address"));
        assertEquals(null, pids.get("micro.server").get("transports"), "by default every transport installed");

        var overNats = Configurations.of(Options.parse(new String[] { "server", "--transport", "nats" }, Map.of()));
        assertArrayEquals(new String[] { "nats" }, (String[]) overNats.get("micro.server").get("transports"),
                "--transport nats serves over NATS alone");
        assertEquals("127.0.0.1:4222", overNats.get("micro.transport.nats").get("address"));
    }

    @Test
    void badValuesAreRefusedBeforeTheHostStarts() {
        assertTrue(refused("--registry", "zookeeper").contains("available: consul, etcd, kubernetes, memory"));
        assertTrue(refused("--transport_address", "127.0.0.1:4222").contains("is for --transport nats"));
        assertTrue(refused("--wrappers", "retry").contains("--wrappers takes breaker, ratelimit, logging"));
        assertTrue(refused("--registry_address", "127.0.0.1:2379").contains("the memory registry has none"));
        assertTrue(refused("--register_interval", "60").contains("must be shorter than --register_ttl"));
        assertTrue(refused("--client_request_timeout", "soon").contains("is not a duration"));
        assertTrue(refused("--server_address", "localhost").contains("is not a host:port address"));
        assertTrue(refused("--server_metadata", "novalue").contains("is not a key=value pair"));
    }

    private static String refused(String flag, String value) {
        Options options = Options.parse(new String[] { "server", flag, value }, Map.of());
        return assertThrows(UsageException.class, () -> Configurations.of(options)).getMessage();
    }

    @Test
    void flagsThatSetAPidKeyTakeTheirDefaultsAndChoicesFromTheBundlesMetatype() {
        Options none = Options.parse(new String[] { "server" }, Map.of());
        Metatype metatype = none.metatype();
        for (Flag flag : Flag.values()) {
            for (Flag.Target target : flag.targets) {
                assertTrue(metatype.attribute(target.pid(), target.key()) != null, flag.name + " -> " + target);
            }
        }
        assertEquals("5s", none.get(Flag.CLIENT_REQUEST_TIMEOUT), "micro.client request.timeout.ms 5000, as go-micro writes it");
        assertEquals("60", none.get(Flag.REGISTER_TTL));
        assertEquals("127.0.0.1:8089", none.get(Flag.CLI_ADDRESS));
        assertEquals(List.of("random", "roundrobin"), Flag.SELECTOR.choices(metatype));
        assertEquals(List.of("rpc", "api", "proxy"), Flag.API_HANDLER.choices(metatype));
        assertEquals(Integer.valueOf(3), Configurations.of(Options.parse(new String[] { "server", "--client_retries", "3" },
                Map.of())).get("micro.client").get("retries"), "an Integer key gets an Integer");
    }

    @Test
    void durationsReadAsGoMicroWritesThem() {
        assertEquals(500L, FlagValue.DURATION.read(Flag.CLIENT_REQUEST_TIMEOUT, "500ms", List.of()));
        assertEquals(5000L, FlagValue.DURATION.read(Flag.CLIENT_REQUEST_TIMEOUT, "5s", List.of()));
        assertEquals(60000L, FlagValue.DURATION.read(Flag.CLIENT_REQUEST_TIMEOUT, "1m", List.of()));
        assertEquals(2000L, FlagValue.DURATION.read(Flag.CLIENT_REQUEST_TIMEOUT, "2", List.of()));
    }

    @Test
    void jsonTextRoundTripsArgumentsAndReadsErrorDetails() {
        assertEquals("[\"query\",\"{\\\"name\\\":\\\"Jo\\\\hn\\\"}\"]", JsonText.array(List.of("query", "{\"name\":\"Jo\\hn\"}")));
        assertEquals("line one\nsaid \"hi\"", JsonText.stringField("{\"id\":\"x\",\"detail\":\"line one\\nsaid \\\"hi\\\"\"}", "detail"));
    }

    @Test
    void gatewayOptionsBecomeTheGatewayPid() {
        Options options = Options.parse(new String[] { "server", "--enable_tls", "--tls_cert_file", "pom.xml", "--tls_key_file",
                "pom.xml", "--api_routes", "/legacy/=proxy,/greeter/http/=api", "--api_cors", "http://a.example" }, Map.of());
        var gateway = Configurations.of(options).get("micro.gateway");
        assertEquals(true, gateway.get("enable.tls"));
        assertEquals(null, gateway.get("address"), "not given: the gateway's Metatype default applies");
        assertEquals("127.0.0.1:8080", options.get(Flag.API_ADDRESS), "and is the flag's default");
        assertEquals("micro.api", options.get(Flag.API_NAMESPACE));
        assertArrayEquals(new String[] { "/legacy/=proxy", "/greeter/http/=api" }, (String[]) gateway.get("routes"));
        assertEquals("http://a.example", gateway.get("cors"));
        assertEquals("false", options.get(Flag.API_ACCESS_LOG), "no line per request unless asked");
        assertEquals(true, Configurations.of(Options.parse(new String[] { "server", "--api_access_log" }, Map.of()))
                .get("micro.gateway").get("access.log"));
        assertEquals(List.of("server"), options.arguments(), "a switch takes no value from the next argument");
        assertTrue(refused("--api_handler", "grpc").contains("available: api, proxy, rpc"));
        assertTrue(refused("--api_routes", "/x=soap").contains("available: api, proxy, rpc"));
        assertTrue(refused("--enable_tls", "true").contains("needs a readable --tls_cert_file"));
    }

    @Test
    void aDistributedRegistryIsConfiguredFromItsAddress() {
        var etcd = Configurations.of(Options.parse(new String[] { "server", "--registry", "etcd", "--registry_address",
                "10.0.0.1:2379,10.0.0.2:2379" }, Map.of()));
        assertEquals("10.0.0.1:2379,10.0.0.2:2379", etcd.get("micro.registry.etcd").get("endpoints"));
        var consul = Configurations.of(Options.parse(new String[] { "server" }, Map.of("MICRO_REGISTRY", "consul")));
        assertEquals("127.0.0.1:8500", consul.get("micro.registry.consul").get("address"));
        assertTrue(!consul.containsKey("micro.registry.etcd"));
    }

    @Test
    void theBotsFlagsBecomeThePidsOfTheBotAndItsInputs() {
        var pids = Configurations.of(Options.parse(new String[] { "bot", "--irc_address", "127.0.0.1:6667", "--irc_channels", "#ops",
                "--bot_allow", "alice", "--bot_admins", "carol" }, Map.of()));
        assertEquals("irc", pids.get("micro.bot").get("inputs"), "the input whose flags were given");
        assertEquals("alice", pids.get("micro.bot").get("allow"));
        assertEquals("carol", pids.get("micro.bot").get("admins"));
        assertEquals("#ops", pids.get("micro.bot.irc").get("channels"));
        assertTrue(!pids.containsKey("micro.bot.xmpp") && !pids.containsKey("micro.bot.slack"));
        assertEquals("/tmp/pw", Configurations.of(Options.parse(new String[] { "bot", "--inputs", "xmpp", "--xmpp_jid", "micro@localhost",
                "--xmpp_password_file", "/tmp/pw" }, Map.of())).get("micro.bot.xmpp").get("password.file"));
        assertTrue(Configurations.bundlesNotStarted(Options.parse(new String[] { "server" }, Map.of())).contains("micro.bot"));
        assertTrue(Configurations.bundlesNotStarted(Options.parse(new String[] { "bot", "--inputs", "irc" }, Map.of()))
                .containsAll(java.util.List.of("micro.gateway", "micro.web", "micro.example.greeter")));
    }

    @Test
    void aBotWithoutWhatItsInputsNeedIsRefusedSayingWhatIsMissing() {
        assertTrue(botRefused("bot").contains("the bot needs an input: --inputs xmpp,irc,slack"));
        assertTrue(botRefused("bot", "--inputs", "xmpp").contains("--xmpp_jid micro@example.com --xmpp_password_file"));
        assertTrue(botRefused("bot", "--inputs", "slack").contains("--slack_token_file"));
        assertTrue(botRefused("bot", "--inputs", "hipchat").contains("no input 'hipchat'; the bot has xmpp, irc, slack"));
        assertTrue(botRefused("server", "--irc_address", "127.0.0.1:6667").contains("--irc_address configures the chat bot"));
    }

    private static String botRefused(String... args) {
        Options options = Options.parse(args, Map.of());
        return assertThrows(UsageException.class, () -> Configurations.of(options)).getMessage();
    }
}
