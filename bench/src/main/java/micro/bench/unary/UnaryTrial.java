package micro.bench.unary;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One measured run of one peer, in a JVM of its own so that no peer warms the JIT for another:
 * {@code UnaryTrial PEER TARGET CALLERS WARMUP_S MEASURE_S} (TARGET the server's port, or for
 * {@code micro-nats} {@code NATS_ADDRESS/SUBJECT}); prints the outcome as one JSON line.
 */
public final class UnaryTrial {

    private UnaryTrial() {
    }

    public static void main(String[] args) throws Exception {
        String peer = args[0];
        String target = args[1];
        int callers = Integer.parseInt(args[2]);
        Duration warmup = Duration.ofSeconds(Long.parseLong(args[3]));
        Duration measure = Duration.ofSeconds(Long.parseLong(args[4]));
        try (Caller caller = switch (peer) {
            case "micro" -> MicroCaller.overHttp(Integer.parseInt(target));
            case "micro-nats" -> MicroCaller.overNats(target.substring(0, target.indexOf('/')), target.substring(target.indexOf('/') + 1));
            case "grpc" -> new GrpcCaller(Integer.parseInt(target));
            case "floor" -> new FloorCaller(Integer.parseInt(target));
            default -> throw new IllegalArgumentException("unknown peer " + peer + ": micro, micro-nats, grpc or floor");
        }) {
            ClosedLoop.Outcome outcome = ClosedLoop.run(caller, callers, warmup, measure);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("calls_per_s", outcome.callsPerSecond());
            line.put("p50_us", outcome.p50Micros());
            line.put("p99_us", outcome.p99Micros());
            line.put("calls", outcome.calls());
            line.put("errors", outcome.errors());
            System.out.println("RESULT " + new ObjectMapper().writeValueAsString(line));
        }
        System.exit(0);
    }
}
