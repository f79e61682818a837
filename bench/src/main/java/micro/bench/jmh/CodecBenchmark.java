package micro.bench.jmh;

import java.util.Map;

import micro.bench.Payload;
import micro.core.internal.codec.JsonCodec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The JSON codec on the 1 KB greeting: encode a record, decode bytes into one. */
@State(Scope.Benchmark)
public class CodecBenchmark {

    public record Hello(String name) {
    }

    private final JsonCodec codec = new JsonCodec();
    private final Hello hello = new Hello(Payload.NAME);
    private final byte[] encoded = codec.encode(hello);

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
}
