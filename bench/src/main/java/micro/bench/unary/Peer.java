package micro.bench.unary;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import micro.bench.ChildProcess;
import micro.bench.Loopback;
import micro.bench.Repo;

/** A unary peer's server process: micro.jar's greeter node, gRPC-java, or the bare Jetty floor. */
enum Peer {
    MICRO("micro"), GRPC("grpc"), FLOOR("floor");

    final String label;

    Peer(String label) {
        this.label = label;
    }

    ChildProcess startServer(Repo repo, int port) throws IOException, InterruptedException {
        ChildProcess server = switch (this) {
            case MICRO -> ChildProcess.start("micro-server", List.of(ChildProcess.javaBinary(), "-jar",
                    repo.microJar().toString(), "server", "--web_address", "127.0.0.1:0", "--server_address", "127.0.0.1:" + port,
                    "--api_address", "127.0.0.1:" + Loopback.freePort(), "--cli_address", "127.0.0.1:" + Loopback.freePort()),
                    null);
            case GRPC -> ChildProcess.javaMain("grpc-server", List.of(), GrpcServerMain.class.getName(), String.valueOf(port));
            case FLOOR -> ChildProcess.javaMain("floor-server", List.of(), FloorServerMain.class.getName(), String.valueOf(port));
        };
        return server.awaitPort(port, Duration.ofSeconds(60));
    }
}
