package micro.bench.unary;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One measured run of one peer, in a JVM of its own so that no peer warms the JIT for another:
 * {@code UnaryTrial PEER TARGET CALLERS WARMUP_S MEASURE_S SERVER_PID} (TARGET the server's port, or for
 * {@code micro-nats} {@code NATS_ADDRESS/SUBJECT}); prints the outcome, with the CPU time per call of the
 * server process and of this caller, as one JSON line. {@link TrialRunner} starts it and reads the line.
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
        CpuWindow cpu = new CpuWindow(Long.parseLong(args[5]));
        try (Caller caller = switch (peer) {
            case "micro" -> MicroCaller.overHttp(Integer.parseInt(target));
            case "micro-nats" -> MicroCaller.overNats(target.substring(0, target.indexOf('/')), target.substring(target.indexOf('/') + 1));
            case "grpc" -> new GrpcCaller(Integer.parseInt(target));
            case "floor" -> new FloorCaller(Integer.parseInt(target));
            default -> throw new IllegalArgumentException("unknown peer " + peer + ": micro, micro-nats, grpc or floor");
        }) {
            ClosedLoop.Outcome outcome = ClosedLoop.run(caller, callers, warmup, measure, cpu);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("calls_per_s", outcome.callsPerSecond());
            line.put("p50_us", outcome.p50Micros());
            line.put("p99_us", outcome.p99Micros());
            line.put("calls", outcome.calls());
            line.put("errors", outcome.errors());
            line.put("server_cpu_us_per_call", cpu.serverMicrosPer(outcome.calls()));
            line.put("caller_cpu_us_per_call", cpu.callerMicrosPer(outcome.calls()));
            System.out.println("RESULT " + new ObjectMapper().writeValueAsString(line));
        }
        System.exit(0);
    }
}
