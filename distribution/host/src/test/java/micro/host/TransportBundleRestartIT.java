package micro.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import micro.core.internal.testing.LoadCallers;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * In a real Felix framework with the micro bundles: micro.api.greeter calls micro.srv.greeter over the
 * HTTP transport, and keeps doing so after the transport bundle is stopped and started again, with no
 * other bundle or component restarted.
 */
class TransportBundleRestartIT {

    private Host host;
    private String cli;
    private Map<String, java.util.Hashtable<String, Object>> configurations;

    @BeforeEach
    void start() throws Exception {
        cli = "127.0.0.1:" + Processes.freePort();
        Options options = Options.parse(new String[] { "server", "--web_address", "127.0.0.1:0", "--cli_address", cli, "--api_address",
                "127.0.0.1:" + Processes.freePort() }, Map.of());
        configurations = Configurations.of(options);
        // The bundles micro.jar server starts, no more (not the sidecar, which would take 127.0.0.1:8081).
        host = Host.start(BundleSource.folder(Path.of(System.getProperty("micro.bundles", "target/classes/bundles"))),
                configurations, Configurations.bundlesNotStarted(options));
        String[] last = { "" };
        try {
            Processes.await("the greeter to answer", Duration.ofSeconds(30), () -> (last[0] = greet()).contains("Hello John"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last answer: " + last[0] + "\n" + bundlesAndServices(), e);
        }
    }

    /** What the framework holds, for a failure message. */
    private String bundlesAndServices() {
        StringBuilder states = new StringBuilder();
        for (Bundle bundle : host.framework().getBundleContext().getBundles()) {
            states.append(bundle.getSymbolicName()).append(" state=").append(bundle.getState());
            ServiceReference<?>[] services = bundle.getRegisteredServices();
            for (ServiceReference<?> service : services == null ? new ServiceReference<?>[0] : services) {
                states.append(' ').append(java.util.Arrays.toString((String[]) service.getProperty("objectClass")));
            }
            states.append('\n');
        }
        return states.toString();
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private String greet() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandClient.send(cli, List.of("query", "micro.api.greeter", "Say.Hello", "{\"name\":\"John\"}"), false,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private Object serverServiceId() {
        return serviceId("micro.api.server.Server");
    }

    private Object serviceId(String className) {
        ServiceReference<?> reference = host.reference(className);
        return reference == null ? null : reference.getProperty("service.id");
    }

    /** The PID's configuration as the host wrote it, with {@code changes} on top, as config:edit would leave it. */
    private void edit(String pid, Map<String, Object> changes) throws Exception {
        java.util.Hashtable<String, Object> edited = new java.util.Hashtable<>(configurations.getOrDefault(pid, new java.util.Hashtable<>()));
        edited.putAll(changes);
        configurations.put(pid, edited);
        ConfigAdminBridge.apply(host.framework().getBundleContext(), host.bundle("org.apache.felix.configadmin"),
                Map.of(pid, edited));
    }

    @Test
    void theServerMovingItsAddressTwentyTimesUnderLoadFailsNoCall() throws Exception {
        String address = host.awaitEdge("gateway", Duration.ofSeconds(10));
        try (LoadCallers load = new LoadCallers(16, address + "/greeter/say/hello", "{\"name\":\"John\"}")) {
            load.awaitMore("calls to flow", 50);
            for (int round = 0; round < 20; round++) {
                String moved = "127.0.0.1:" + Processes.freePort();
                edit("micro.server", Map.of("address", moved));
                Processes.await("the server to move to " + moved, Duration.ofSeconds(10),
                        () -> moved.equals(Host.call(host.framework().getBundleContext().getService(
                                host.reference("micro.api.server.Server")), "address")));
                load.awaitMore("calls after move " + (round + 1), 50);
            }
            load.close();
            assertEquals(List.of(), load.firstFailures(), load.failed() + " of " + load.calls() + " calls failed");
        }
    }

    @Test
    void configurationChangesUnderLoadApplyLiveRestartNothingAndFailNoCall() throws Exception {
        String address = host.awaitEdge("gateway", Duration.ofSeconds(10));
        List<String> components = List.of("micro.api.server.Server", "micro.api.client.Client", "micro.api.selector.Selector",
                "micro.api.broker.Broker", "micro.api.edge.Edge");
        List<Object> before = components.stream().map(this::serviceId).toList();
        String serverAddress = "127.0.0.1:" + Processes.freePort();
        try (LoadCallers load = new LoadCallers(16, address + "/greeter/say/hello", "{\"name\":\"John\"}")) {
            load.awaitMore("calls to flow", 50);
            edit("micro.client", Map.of("retries", 2, "retry.policy", "server_errors_and_timeouts"));
            load.awaitMore("calls after the client change", 50);
            edit("micro.gateway", Map.of("request.timeout.ms", 4000L, "cors", "http://localhost:3000"));
            load.awaitMore("calls after the gateway change", 50);
            edit("micro.selector", Map.of("strategy", "roundrobin"));
            load.awaitMore("calls after the selector change", 50);
            edit("micro.server", Map.of("address", serverAddress, "register.ttl", 20L, "register.interval", 5L));
            Processes.await("the server to move to " + serverAddress, Duration.ofSeconds(10),
                    () -> serverAddress.equals(Host.call(host.framework().getBundleContext().getService(
                            host.reference("micro.api.server.Server")), "address")));
            load.awaitMore("calls after the server moved", 100);
            edit("micro.client", Map.of("request.timeout.ms", "abc"));
            load.awaitMore("calls after a bad client value", 50);
            load.close();
            assertEquals(List.of(), load.firstFailures(), load.failed() + " of " + load.calls() + " calls failed");
        }
        assertEquals(before, components.stream().map(this::serviceId).toList(), "no component was restarted");
    }

    @Test
    void callsWorkAgainAfterTheTransportBundleRestarts() throws Exception {
        Bundle transport = host.bundle("micro.transport.http");
        Bundle core = host.bundle("micro.core");
        Bundle greeter = host.bundle("micro.example.greeter");
        Object serverBefore = serverServiceId();

        transport.stop();
        String withoutTransport = greet();
        assertTrue(withoutTransport.contains("error"), "no transport, no call: " + withoutTransport);
        assertEquals(Bundle.ACTIVE, core.getState());

        transport.start();
        Processes.await("the greeter to answer again", Duration.ofSeconds(30), () -> greet().contains("Hello John"));

        assertEquals(serverBefore, serverServiceId(), "the server component was not restarted");
        assertEquals(Bundle.ACTIVE, core.getState());
        assertEquals(Bundle.ACTIVE, greeter.getState());
    }

    @Test
    void updatingTheOnlyGreeterBundleUnderLoadFailsNoCall() throws Exception {
        String address = host.awaitEdge("gateway", Duration.ofSeconds(10));
        Bundle greeter = host.bundle("micro.example.greeter");
        byte[] jar = java.nio.file.Files.readAllBytes(Path.of(System.getProperty("micro.bundles", "target/classes/bundles"),
                "micro.example.greeter.jar"));
        try (LoadCallers load = new LoadCallers(16, address + "/greeter/say/hello", "{\"name\":\"John\"}")) {
            for (int update = 0; update < 5; update++) {
                load.awaitMore("calls to flow", 50);
                // One instance: while its handlers are away callers get a 503, which the client retries
                // within the deadline until the updated bundle serves again.
                greeter.update(new java.io.ByteArrayInputStream(jar)); // as bundle:update does with a new jar
            }
            load.awaitMore("calls after the updates", 100);
            load.close();
            assertEquals(List.of(), load.firstFailures(), load.failed() + " of " + load.calls() + " calls failed");
        }
        assertEquals(Bundle.ACTIVE, greeter.getState());
    }

    @Test
    void twentyTransportRestartsUnderLoadFailNoCall() throws Exception {
        String address = host.awaitEdge("gateway", Duration.ofSeconds(10));
        Bundle transport = host.bundle("micro.transport.http");
        try (LoadCallers load = new LoadCallers(16, address + "/greeter/say/hello", "{\"name\":\"John\"}")) {
            for (int restart = 0; restart < 20; restart++) {
                load.awaitMore("calls to flow", 50);
                transport.stop();
                transport.start();
            }
            load.awaitMore("calls after the restarts", 100);
            load.close();
            assertEquals(List.of(), load.firstFailures(), load.failed() + " of " + load.calls() + " calls failed");
        }
    }
}
