package micro.bench.unary;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Messages per second over one stream against calls per second of a unary loop, in a JVM of its own:
 * {@code StreamTrial PORT WARMUP_S MEASURE_S}. The stream is the greeter's {@code Say.Stream} of
 * {@value #COUNT} greetings, read to its end, again and again; the loop is {@code Say.Hello} with the
 * same small name, one call after the other. Prints one JSON line.
 */
public final class StreamTrial {

    static final int COUNT = 100_000;

    private StreamTrial() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Duration warmup = Duration.ofSeconds(Long.parseLong(args[1]));
        Duration measure = Duration.ofSeconds(Long.parseLong(args[2]));
        try (MicroCaller caller = MicroCaller.overHttp(port)) {
            streamFor(caller, warmup);
            loopFor(caller, warmup);
            double messagesPerSecond = streamFor(caller, measure);
            double callsPerSecond = loopFor(caller, measure);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("stream_messages_per_s", messagesPerSecond);
            line.put("unary_calls_per_s", callsPerSecond);
            System.out.println("RESULT " + new ObjectMapper().writeValueAsString(line));
        }
        System.exit(0);
    }

    private static double streamFor(MicroCaller caller, Duration duration) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long messages = 0;
        while (System.nanoTime() < end) {
            long received = caller.streamGreetings(COUNT);
            if (received != COUNT) {
                throw new IllegalStateException("a stream of " + COUNT + " ended after " + received);
            }
            messages += received;
        }
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    private static double loopFor(MicroCaller caller, Duration duration) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long calls = 0;
        while (System.nanoTime() < end) {
            caller.smallCall();
            calls++;
        }
        return calls / ((System.nanoTime() - start) / 1e9);
    }
}
