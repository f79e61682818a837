package micro.bench.reliability;

import java.util.List;

/** One measured window of the reliability scenario. */
final class Window {

    /** What happens at the start of a window: a fault and, where it has one, its repair. */
    @FunctionalInterface
    interface Event {
        void run() throws Exception;
    }

    record Result(String event, long seconds, long calls, int failed, double p99Millis, double maxMillis,
            List<String> firstFailures) {
    }

    private Window() {
    }
}
