package micro.bench.reliability;

import java.time.Duration;

/** A fault's own length (etcd frozen for 15 s) or a window's: time that is the measurement, not a wait for a condition. */
final class Pause {

    private Pause() {
    }

    static void of(Duration length) throws InterruptedException {
        Thread.sleep(length.toMillis());
    }
}
