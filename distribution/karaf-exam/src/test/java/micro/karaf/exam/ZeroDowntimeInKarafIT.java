package micro.karaf.exam;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import javax.inject.Inject;

import micro.api.edge.Edge;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.LoadCallers;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Inside the micro Karaf assembly, as an operator's Karaf runs it: sixteen callers go through the
 * gateway while bundles restart and update and configurations change, and not one call may fail.
 * One Karaf for the class (booting one costs most of the time).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ZeroDowntimeInKarafIT {

    private static final int CALLERS = 16;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurations;

    @Inject
    @Filter(value = "(" + Edge.NAME + "=" + Edge.GATEWAY + ")", timeout = 120_000)
    private Edge gateway;

    @Configuration
    public Option[] config() throws IOException {
        String karaf = System.getProperty("karaf.version");
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(maven("io.micro.osgi", "micro-karaf").version(System.getProperty("micro.version")).type("tar.gz"))
                    .karafVersion(karaf).name("micro Karaf").unpackDirectory(new File("target/exam")).useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.WARN),
            systemProperty("micro.version").value(System.getProperty("micro.version")), // for the tests inside
            // The callers drop idle connections before the gateway's idle timeout does (see LoadCallers).
            systemProperty("jdk.httpclient.keepalive.timeout").value("20"),
            // As in the host and Karaf test modules: a request sent on a pooled connection the gateway
            // closed before answering anything is sent again on a new one (RFC 9112 9.3.1; the greeting is
            // safe to repeat). 1 of 73,901 calls hit it in a CI run; a server that fails a call answers it.
            systemProperty("jdk.httpclient.enableAllMethodRetry").value("true"),
            editConfigurationFilePut("etc/micro.gateway.cfg", "address", "127.0.0.1:" + freePort()),
            editConfigurationFilePut("etc/micro.web.cfg", "address", "127.0.0.1:" + freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("maven.repo.local")),
            // What bin/karaf gives the JVM on Java 9 and later.
            vmOptions("--add-reads=java.xml=java.logging",
                    "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                    "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karaf + ".jar",
                    "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karaf + ".jar",
                    "--add-opens", "java.base/java.security=ALL-UNNAMED", "--add-opens", "java.base/java.net=ALL-UNNAMED",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.util=ALL-UNNAMED",
                    "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                    "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                    "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"),
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private LoadCallers callers() {
        return new LoadCallers(CALLERS, gateway.address() + "/greeter/say/hello", "{\"name\":\"John\"}");
    }

    private static void assertNoFailedCall(LoadCallers load) throws InterruptedException {
        load.close();
        assertEquals(load.failed() + " of " + load.calls() + " calls failed", List.of(), load.firstFailures());
    }

    @Test
    public void restartsAndUpdatesOfTheTransportBundleFailNoCall() throws Exception {
        Bundle transport = bundle("micro.transport.http");
        try (LoadCallers load = callers()) {
            for (int round = 0; round < 20; round++) {
                load.awaitMore("calls to flow", 100);
                if (round % 2 == 0) {
                    transport.stop(); // bundle:restart
                    transport.start();
                } else {
                    transport.update(); // bundle:update, from the bundle's own location
                }
            }
            load.awaitMore("calls after the restarts", 200);
            assertNoFailedCall(load);
        }
    }

    @Test
    public void updatesOfTheOnlyGreeterFailNoCall() throws Exception {
        Bundle greeter = bundle("micro.example.greeter");
        try (LoadCallers load = callers()) {
            for (int round = 0; round < 5; round++) {
                load.awaitMore("calls to flow", 100);
                greeter.update();
            }
            load.awaitMore("calls after the updates", 200);
            assertNoFailedCall(load);
        }
    }

    @Test
    public void aSelectorPluginInstalledAndRemovedTakesOverAndHandsBackWithoutAFailedCall() throws Exception {
        Object client = serviceId("micro.api.client.Client");
        try (LoadCallers load = callers()) {
            for (int round = 0; round < 2; round++) {
                load.awaitMore("calls to flow", 200);
                Bundle plugin = context.installBundle("mvn:io.micro.osgi/micro.example.selector/" + System.getProperty("micro.version"));
                plugin.start();
                Await.until("the client and the gateway to use the plugin", Duration.ofSeconds(30), () -> usersOfThePlugin() >= 2);
                load.awaitMore("calls through the plugin", 200);
                plugin.uninstall();
                load.awaitMore("calls after the plugin left", 200);
            }
            assertNoFailedCall(load);
        }
        assertEquals("the client was not restarted", client, serviceId("micro.api.client.Client"));
    }

    /** Bundles that hold the plugin selector right now (greedy references rebind to it). */
    private int usersOfThePlugin() {
        try {
            org.osgi.framework.ServiceReference<?>[] plugins = context.getServiceReferences("micro.api.selector.Selector",
                    "(micro.selector=registry)");
            Bundle[] users = plugins == null ? null : plugins[0].getUsingBundles();
            return users == null ? 0 : users.length;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void configurationChangesFailNoCallAndRestartNoComponent() throws Exception {
        List<String> contracts = List.of("micro.api.client.Client", "micro.api.selector.Selector", "micro.api.server.Server",
                "micro.api.edge.Edge");
        List<Object> before = contracts.stream().map(this::serviceId).toList();
        try (LoadCallers load = callers()) {
            load.awaitMore("calls to flow", 100);
            edit("micro.client", "retries", 2);
            load.awaitMore("calls after the client change", 200);
            edit("micro.gateway", "cors", "http://localhost:3000");
            load.awaitMore("calls after the gateway change", 200);
            edit("micro.selector", "strategy", "roundrobin");
            load.awaitMore("calls after the selector change", 200);
            edit("micro.server", "register.ttl", 90L);
            load.awaitMore("calls after the server change", 200);
            edit("micro.client", "request.timeout.ms", "abc"); // refused, the last good value stays
            load.awaitMore("calls after a bad value", 200);
            assertNoFailedCall(load);
        }
        assertEquals("no component was restarted", before, contracts.stream().map(this::serviceId).toList());
    }

    private Object serviceId(String contract) {
        org.osgi.framework.ServiceReference<?> reference = context.getServiceReference(contract);
        return reference == null ? null : reference.getProperty("service.id");
    }

    /** As config:property-set does: the PID's current properties with one changed. */
    private void edit(String pid, String key, Object value) throws IOException {
        org.osgi.service.cm.Configuration configuration = configurations.getConfiguration(pid, "?");
        Dictionary<String, Object> properties = configuration.getProperties() == null ? new Hashtable<>()
                : configuration.getProperties();
        properties.put(key, value);
        configuration.update(properties);
    }
}
