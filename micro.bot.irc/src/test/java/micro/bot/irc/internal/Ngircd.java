package micro.bot.irc.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import micro.core.internal.testing.ServerProcess;

/**
 * A real ngircd (Debian package {@code ngircd}) for the bot's tests: IRC on a free loopback port with
 * its own config in a temp dir, no PAM, ident or DNS lookups; stop and start it again for a restart.
 */
public final class Ngircd {

    private Ngircd() {
    }

    public static ServerProcess start(Path dir) throws Exception {
        String binary = ServerProcess.binary("ngircd", "/usr/sbin/ngircd");
        int port = ServerProcess.freePort();
        Path config = Files.createDirectories(dir).resolve("ngircd.conf");
        Files.writeString(config, String.join("\n", "[Global]", "Name = irc.micro.test", "Info = the bot's test server",
                "Listen = 127.0.0.1", "Ports = " + port, "MotdPhrase = micro test", "AdminInfo1 = micro tests",
                "AdminInfo2 = localhost", "AdminEMail = root@localhost", "[Options]", "PAM = no", "Ident = no", "DNS = no", ""));
        return new ServerProcess("ngircd", List.of(binary, "-n", "-f", config.toString()), dir.resolve("ngircd.log"), port).start();
    }
}
