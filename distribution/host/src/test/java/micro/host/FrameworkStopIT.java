package micro.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * A framework stop (SIGTERM of micro.jar) drains before it stops any bundle: the services are
 * deregistered and served on while the transport, registry and client are all still up, so a call
 * served during the drain can still make calls of its own.
 */
class FrameworkStopIT {

    @Test
    void theServicesAreDeregisteredBeforeTheFirstBundleStops() throws Exception {
        Options options = Options.parse(new String[] { "server", "--web_address", "127.0.0.1:0", "--cli_address",
                "127.0.0.1:" + Processes.freePort(), "--api_address", "127.0.0.1:" + Processes.freePort() }, Map.of());
        Host host = Host.start(BundleSource.folder(Path.of(System.getProperty("micro.bundles", "target/classes/bundles"))),
                Configurations.of(options), Configurations.bundlesNotStarted(options));
        Object registry = host.awaitService("micro.api.registry.Registry", Duration.ofSeconds(10));
        Processes.await("the greeter to register", Duration.ofSeconds(20),
                () -> String.valueOf(Host.call(registry, "listServices")).contains("micro.srv.greeter"));
        AtomicReference<String> firstStopping = new AtomicReference<>();
        AtomicReference<String> registeredThen = new AtomicReference<>();
        host.framework().getBundleContext().addBundleListener((SynchronousBundleListener) event -> {
            if (event.getType() == BundleEvent.STOPPING && event.getBundle().getBundleId() != 0
                    && firstStopping.compareAndSet(null, event.getBundle().getSymbolicName())) {
                registeredThen.set(String.valueOf(Host.call(registry, "listServices")));
            }
        });
        host.close();
        assertTrue(firstStopping.get() != null, "no bundle stopped");
        assertEquals(false, registeredThen.get().contains("micro.srv.greeter"),
                "still registered when " + firstStopping.get() + " began to stop: " + registeredThen.get());
    }
}
