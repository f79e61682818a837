package micro.bench.unary;

import com.google.protobuf.StringValue;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;

import micro.bench.Payload;

/**
 * The gRPC peer's contract, {@code bench.Greeter/Hello}: a protobuf {@code StringValue} name in, the
 * greeting out. Built the way generated stubs build it, from protobuf's own generated message class.
 */
final class GrpcGreeter {

    static final MethodDescriptor<StringValue, StringValue> HELLO = MethodDescriptor.<StringValue, StringValue>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Greeter", "Hello"))
            .setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
            .setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
            .build();

    private GrpcGreeter() {
    }

    static ServerServiceDefinition service() {
        return ServerServiceDefinition.builder("bench.Greeter")
                .addMethod(HELLO, ServerCalls.asyncUnaryCall((request, reply) -> {
                    reply.onNext(StringValue.of(Payload.greeting(request.getValue())));
                    reply.onCompleted();
                }))
                .build();
    }
}
