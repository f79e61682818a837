package micro.bot.xmpp.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import micro.core.internal.testing.ServerProcess;

/**
 * A real Prosody (Debian package {@code prosody}) for the bot's tests: XMPP on a free loopback port,
 * domain {@code localhost}, rooms on {@code conference.localhost}, its own config and data in a temp
 * dir, test accounts made with {@code prosodyctl}; stop and start it again for a restart.
 */
public final class Prosody {

    private Prosody() {
    }

    /** Starts Prosody in {@code dir} with {@code accounts} given as user=password. */
    public static ServerProcess start(Path dir, String... accounts) throws Exception {
        String binary = ServerProcess.binary("prosody", "/usr/bin/prosody");
        int port = ServerProcess.freePort();
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("certs"));
        Path config = dir.resolve("prosody.cfg.lua");
        Files.writeString(config, String.join("\n",
                "-- the bot's test server: loopback only, no server-to-server, no HTTP, plain passwords",
                "pidfile = \"" + dir.resolve("prosody.pid") + "\"",
                "data_path = \"" + data + "\"",
                "certificates = \"" + dir.resolve("certs") + "\"",
                "interfaces = { \"127.0.0.1\" }",
                "local_interfaces = { \"127.0.0.1\" }",
                "c2s_ports = { " + port + " }",
                "c2s_direct_tls_ports = { }",
                "s2s_ports = { }",
                "http_ports = { }",
                "https_ports = { }",
                "c2s_require_encryption = false",
                "allow_unencrypted_plain_auth = true",
                "authentication = \"internal_plain\"",
                "daemonize = false",
                "run_as_root = true",
                "log = { info = \"*console\" }",
                "modules_enabled = { \"roster\"; \"saslauth\"; \"disco\"; \"ping\" }",
                "VirtualHost \"localhost\"",
                "Component \"conference.localhost\" \"muc\"", ""));
        // Prosody keeps its data as user prosody.
        new ProcessBuilder("chown", "-R", "prosody:prosody", data.toString()).inheritIO().start().waitFor();
        for (String account : accounts) {
            String[] userPassword = account.split("=", 2);
            Process register = new ProcessBuilder("prosodyctl", "--config", config.toString(), "register", userPassword[0], "localhost",
                    userPassword[1]).redirectErrorStream(true).start();
            String out = new String(register.getInputStream().readAllBytes());
            if (register.waitFor() != 0) {
                throw new AssertionError("prosodyctl register " + userPassword[0] + " failed: " + out);
            }
        }
        return new ServerProcess("prosody", List.of(binary, "--config", config.toString()), dir.resolve("prosody.log"), port).start();
    }
}
