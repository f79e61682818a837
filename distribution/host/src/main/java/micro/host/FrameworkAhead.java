package micro.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The framework of a starting host, created and initialized on a thread of its own while the
 * launcher reads its options and the bundles' Metatype (a fifth of the start, on a second core), and
 * the bundles read from micro.jar meanwhile. One per process; {@link #take} gives it to the host,
 * {@link #discard} removes it when the command never started one (a misused flag).
 */
final class FrameworkAhead {

    /** An initialized framework, its bundle cache folder, and the bundles to install. */
    record Prepared(Framework framework, Path storage, List<BundleSource.Entry> bundles) {
    }

    private static CompletableFuture<Prepared> ahead; // guarded by FrameworkAhead.class

    private FrameworkAhead() {
    }

    /** Starts preparing the framework with {@code properties} and reading the embedded bundles. */
    static synchronized void begin(Map<String, String> properties) {
        if (ahead == null) {
            ahead = new CompletableFuture<>();
            CompletableFuture<Prepared> mine = ahead;
            Thread thread = new Thread(() -> {
                try {
                    mine.complete(prepare(properties, BundleSource.embedded()));
                } catch (RuntimeException | Error e) {
                    mine.completeExceptionally(e);
                }
            }, "micro-host-prepare");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * For {@code bundles} null (the embedded ones), the framework prepared ahead; otherwise, or when
     * none was begun, one prepared now for {@code bundles}.
     */
    static Prepared take(Map<String, String> properties, List<BundleSource.Entry> bundles) {
        CompletableFuture<Prepared> begun;
        synchronized (FrameworkAhead.class) {
            begun = ahead;
            ahead = null;
        }
        if (begun != null) {
            Prepared prepared = join(begun);
            if (bundles == null) {
                return prepared;
            }
            release(prepared);
        }
        return prepare(properties, bundles == null ? BundleSource.embedded() : bundles);
    }

    /** Stops and removes the framework prepared ahead, if the host never took it. */
    static void discard() {
        CompletableFuture<Prepared> begun;
        synchronized (FrameworkAhead.class) {
            begun = ahead;
            ahead = null;
        }
        if (begun != null) {
            try {
                release(join(begun));
            } catch (RuntimeException e) {
                // it never came up: nothing to remove
            }
        }
    }

    private static Prepared prepare(Map<String, String> properties, List<BundleSource.Entry> bundles) {
        try {
            Path storage = Files.createTempDirectory("micro-host-");
            Map<String, String> withStorage = new java.util.HashMap<>(properties);
            withStorage.put(org.osgi.framework.Constants.FRAMEWORK_STORAGE, storage.toString());
            FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, Host.class.getClassLoader()).iterator().next();
            Framework framework = factory.newFramework(withStorage);
            framework.init();
            return new Prepared(framework, storage, bundles);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the bundle cache folder", e);
        } catch (BundleException e) {
            throw new IllegalStateException("the OSGi framework did not initialize: " + e.getMessage(), e);
        }
    }

    private static void release(Prepared prepared) {
        try {
            prepared.framework().stop();
            prepared.framework().waitForStop(10_000);
        } catch (BundleException e) {
            // going anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Host.deleteQuietly(prepared.storage());
    }

    private static Prepared join(CompletableFuture<Prepared> begun) {
        try {
            return begun.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
