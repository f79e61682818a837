package micro.broker.nats.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import micro.core.internal.testing.ServerProcess;

/** A real nats-server (Debian package nats-server) on a free loopback port; stop and start it again for a restart. */
public final class NatsServer {

    private NatsServer() {
    }

    public static ServerProcess start(Path dir) throws Exception {
        Files.createDirectories(dir);
        String binary = ServerProcess.binary("nats-server", "/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server");
        int port = ServerProcess.freePort();
        return new ServerProcess("nats-server", List.of(binary, "-a", "127.0.0.1", "-p", String.valueOf(port)), dir.resolve("nats.log"),
                port).start();
    }
}
