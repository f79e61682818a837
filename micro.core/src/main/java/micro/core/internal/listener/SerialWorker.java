package micro.core.internal.listener;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One thread of its own that runs tasks one at a time, in the order they were asked for. A caller
 * waits for its task (a task asked from the worker itself runs at once), so the order of changes is
 * the order of the calls without a lock held around them. Once stopped, tasks are dropped.
 */
final class SerialWorker {

    private final ScheduledExecutorService executor;
    private volatile Thread thread;
    private volatile boolean stopped;

    SerialWorker(String name) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread created = new Thread(runnable, name);
            created.setDaemon(true);
            thread = created;
            return created;
        });
    }

    /** Runs {@code task} on the worker and waits for it; its failure is thrown here. */
    void run(Runnable task) {
        if (Thread.currentThread() == thread) {
            if (!stopped) {
                task.run();
            }
            return;
        }
        try {
            executor.submit(() -> {
                if (!stopped) {
                    task.run();
                }
            }).get();
        } catch (RejectedExecutionException e) {
            // stopped: nothing more to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Runs {@code task} on the worker every {@code interval} (at least a second), first after one interval. */
    ScheduledFuture<?> every(Duration interval, Runnable task) {
        long seconds = Math.max(1, interval.toSeconds());
        return executor.scheduleWithFixedDelay(task, seconds, seconds, TimeUnit.SECONDS);
    }

    /** Runs {@code last} as the final task, then takes no more. */
    void stopAfter(Runnable last) {
        run(() -> {
            last.run();
            stopped = true;
        });
        executor.shutdownNow();
    }
}
