package micro.bench.unary;

import java.util.concurrent.TimeUnit;

import com.google.protobuf.StringValue;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;

import micro.bench.Payload;

/** A blocking gRPC call over one channel, as a generated blocking stub makes it. */
final class GrpcCaller implements Caller {

    private static final StringValue REQUEST = StringValue.of(Payload.NAME);
    private static final String EXPECTED = Payload.greeting(Payload.NAME);

    private final ManagedChannel channel;

    GrpcCaller(int port) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    @Override
    public void call() {
        StringValue reply = ClientCalls.blockingUnaryCall(channel, GrpcGreeter.HELLO,
                CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), REQUEST);
        if (!EXPECTED.equals(reply.getValue())) {
            throw new IllegalStateException("wrong reply");
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
