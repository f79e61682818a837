package micro.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * A running Felix framework with the micro bundles, configured before its components start: ConfigAdmin
 * starts first and receives the configurations, then every other bundle starts.
 */
final class Host implements AutoCloseable {

    // micro.api.edge.Edge, named: the launcher's class path shares no classes with the bundles.
    private static final String EDGE = "micro.api.edge.Edge";
    private static final String EDGE_NAME = "micro.edge";


    /**
     * SLF4J lives on the launcher's class path and is shared with the bundles from there; at 1.7.36
     * too, as slf4j-api 2's own manifest exports it, for bundles built against 1.7 (Resilience4j).
     */
    private static final String SHARED_PACKAGES = "org.slf4j;version=2.0.17,org.slf4j.event;version=2.0.17,"
            + "org.slf4j.helpers;version=2.0.17,org.slf4j.spi;version=2.0.17,org.slf4j;version=1.7.36,"
            + "org.slf4j.helpers;version=1.7.36";

    private final Framework framework;
    private final Path storage;

    private Host(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    static Host start(List<BundleSource.Entry> bundles, Map<String, Hashtable<String, Object>> configurations)
            throws Exception {
        return start(bundles, configurations, java.util.Set.of());
    }

    /**
     * Starts the framework with every bundle but those named in {@code notStarted} (installed,
     * resolved, idle); {@code bundles} null for the embedded ones, with the framework prepared ahead.
     */
    static Host start(List<BundleSource.Entry> bundles, Map<String, Hashtable<String, Object>> configurations,
            java.util.Set<String> notStarted) throws Exception {
        FrameworkAhead.Prepared prepared = FrameworkAhead.take(frameworkProperties(), bundles);
        Host host = new Host(prepared.framework(), prepared.storage());
        try {
            host.install(prepared.bundles(), configurations, notStarted);
        } catch (Exception | Error e) {
            host.close();
            throw e;
        }
        return host;
    }

    /** The framework's launch properties, but for its storage folder. */
    static Map<String, String> frameworkProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SHARED_PACKAGES);
        properties.put("felix.log.level", "1");
        return properties;
    }

    private void install(List<BundleSource.Entry> entries, Map<String, Hashtable<String, Object>> configurations,
            java.util.Set<String> notStarted) throws Exception {
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (BundleSource.Entry entry : entries) {
            installed.add(context.installBundle("micro:bundles/" + entry.name(), new ByteArrayInputStream(entry.content())));
        }
        framework.start();
        Bundle configAdmin = installed.stream().filter(b -> "org.apache.felix.configadmin".equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new IllegalStateException("ConfigAdmin bundle missing"));
        configAdmin.start();
        ConfigAdminBridge.apply(context, configAdmin, configurations);
        List<String> failures = new ArrayList<>();
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null || notStarted.contains(bundle.getSymbolicName())) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                failures.add(bundle.getSymbolicName() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("bundles failed to start:\n  " + String.join("\n  ", failures));
        }
    }

    Framework framework() {
        return framework;
    }

    /** The service object registered under {@code className}, waiting up to {@code timeout}; null if none. */
    Object awaitService(String className, Duration timeout) throws InterruptedException {
        return awaitService(className, null, timeout);
    }

    /**
     * Where the edge {@code name} ({@code micro.api.edge.Edge}: "gateway", "commands") answers, once it
     * listens, waiting up to {@code timeout}; null if it did not start.
     */
    String awaitEdge(String name, Duration timeout) throws InterruptedException {
        Object edge = awaitService(EDGE, "(" + EDGE_NAME + "=" + name + ")", timeout);
        return edge == null ? null : String.valueOf(call(edge, "address"));
    }

    private Object awaitService(String className, String filter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        BundleContext context = framework.getBundleContext();
        Object failedId = null;
        while (true) {
            ServiceReference<?> reference = reference(className, filter);
            // Each getService of a component whose activation failed makes SCR try (and log) it again:
            // ask once per registration, and wait for a new one.
            if (reference != null && !reference.getProperty("service.id").equals(failedId)) {
                Object service = context.getService(reference);
                if (service != null) {
                    return service;
                }
                failedId = reference.getProperty("service.id");
            }
            if (System.nanoTime() - deadline > 0) {
                return null;
            }
            Thread.sleep(10);
        }
    }

    /**
     * The best reference to a service, whatever class space it lives in: the launcher's own class path
     * shares no classes with the bundles, so the framework's compatibility filter must not apply.
     */
    ServiceReference<?> reference(String className) {
        return reference(className, null);
    }

    private ServiceReference<?> reference(String className, String filter) {
        try {
            ServiceReference<?>[] all = framework.getBundleContext().getAllServiceReferences(className, filter);
            if (all == null) {
                return null;
            }
            java.util.Arrays.sort(all);
            return all[all.length - 1];
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Calls a no-argument method of a contract in {@code micro.api} on a service object: the launcher
     * does not share the bundles' classes, so it names the method.
     */
    static Object call(Object service, String method) {
        try {
            java.lang.reflect.Method m = service.getClass().getMethod(method);
            m.setAccessible(true);
            return m.invoke(service);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call " + method + " on " + service.getClass().getName(), e);
        }
    }

    Bundle bundle(String symbolicName) {
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new IllegalArgumentException("no bundle " + symbolicName);
    }

    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** Stops every bundle (components deactivate: services deregister) and removes the bundle cache. */
    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(Duration.ofSeconds(30).toMillis());
        } catch (BundleException e) {
            System.err.println("error stopping the framework: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(storage);
        }
    }

    static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is harmless
        }
    }
}
