package micro.host;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;

import micro.host.Options.UsageException;

/**
 * A command given a distributed registry ({@code micro.jar query ... --registry etcd
 * --registry_address ...}) or broker ({@code micro.jar publish ... --broker nats}) needs no running host: it starts a host of its own for the one command —
 * no greeter, gateway, sidecar or web dashboard, its command endpoint on a free loopback port — runs the command there and
 * stops it, as the micro CLI talks to the registry directly.
 */
final class OneShotHost {

    private static final Set<String> LEFT_OUT = Set.of("micro.example.greeter", "micro.gateway", "micro.sidecar",
            "micro.web", "micro.bot", "micro.bot.xmpp", "micro.bot.irc", "micro.bot.slack");

    private OneShotHost() {
    }

    static int run(Options options, PrintStream out, PrintStream err) {
        boolean sharedBroker = !options.get(Flag.BROKER).equals("http");
        if (options.get(Flag.REGISTRY).equals("memory") && !sharedBroker) {
            throw new UsageException("a command with the memory registry and the http broker would see a registry of its own;"
                    + " give --registry etcd|consul|kubernetes or --broker nats|rabbitmq, or drop them to act on the running host at "
                    + options.get(Flag.CLI_ADDRESS));
        }
        Map<String, Hashtable<String, Object>> configurations = Configurations.of(options);
        String endpoint = "127.0.0.1:" + freePort();
        configurations.get("micro.shell.endpoint").put("address", endpoint);
        configurations.get("micro.shell.endpoint").put("token_file", CommandClient.tokenFile(endpoint).toString());
        Main.configureLogging(options.givenServerFlags().contains(Flag.LOG_LEVEL) ? options.get(Flag.LOG_LEVEL) : "warn");
        Host host;
        try {
            host = Host.start(BundleSource.embedded(), configurations, LEFT_OUT);
        } catch (Exception e) {
            err.println("error: cannot start a host for the command: " + e.getMessage());
            return 1;
        }
        try {
            if (host.awaitEdge("commands", Duration.ofSeconds(10)) == null) {
                err.println("error: the command host did not start its command endpoint");
                return 1;
            }
            return CommandClient.send(endpoint, options.arguments(), options.json(), out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            host.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }
}
