package micro.bench.jmh;

import java.util.Map;

import com.google.protobuf.StringValue;

import micro.bench.Payload;
import micro.codec.protobuf.internal.ProtobufCodec;
import micro.core.internal.codec.JsonCodec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The codecs on the 1 KB greeting: JSON encodes a record and decodes bytes into one; protobuf does
 * the same with the generated message of the gRPC peer's contract ({@code StringValue}).
 */
@State(Scope.Benchmark)
public class CodecBenchmark {

    public record Hello(String name) {
    }

    private final JsonCodec codec = new JsonCodec();
    private final Hello hello = new Hello(Payload.NAME);
    private final byte[] encoded = codec.encode(hello);
    private final ProtobufCodec protobuf = new ProtobufCodec();
    private final StringValue message = StringValue.of(Payload.NAME);
    private final byte[] protobufEncoded = protobuf.encode(message);

    @Benchmark
    public byte[] encode1k() {
        return codec.encode(hello);
    }

    @Benchmark
    public Hello decode1k() {
        return codec.decode(encoded, Hello.class);
    }

    @Benchmark
    public Object decode1kAsMap() {
        return codec.decode(encoded, Map.class);
    }

    @Benchmark
    public byte[] protobufEncode1k() {
        return protobuf.encode(message);
    }

    @Benchmark
    public StringValue protobufDecode1k() {
        return protobuf.decode(protobufEncoded, StringValue.class);
    }
}
