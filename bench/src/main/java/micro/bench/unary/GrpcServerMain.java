package micro.bench.unary;

import java.net.InetSocketAddress;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

/** The gRPC-java peer's server, on its defaults: {@code GrpcServerMain PORT}. */
public final class GrpcServerMain {

    private GrpcServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])))
                .addService(GrpcGreeter.service())
                .build()
                .start();
        server.awaitTermination();
    }
}
