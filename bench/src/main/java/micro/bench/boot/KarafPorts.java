package micro.bench.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import micro.bench.Loopback;

/** Moves a Karaf's SSH, JMX and gateway ports to free loopback ones, so a run never meets another Karaf. */
final class KarafPorts {

    private KarafPorts() {
    }

    static void configure(Path home, int gatewayPort) throws IOException {
        set(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(Loopback.freePort()));
        set(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshHost", "127.0.0.1");
        set(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort", String.valueOf(Loopback.freePort()));
        set(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort", String.valueOf(Loopback.freePort()));
        Files.writeString(home.resolve("etc/micro.gateway.cfg"), "address = 127.0.0.1:" + gatewayPort + "\n");
    }

    private static void set(Path file, String key, String value) throws IOException {
        String text = Files.readString(file);
        String edited = text.replaceAll("(?m)^\\s*#?\\s*" + key + "\\s*=.*$", key + " = " + value);
        if (!edited.contains(key + " = " + value)) {
            edited = text + "\n" + key + " = " + value + "\n";
        }
        Files.writeString(file, edited);
    }
}
