package micro.core.internal.server;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import micro.api.registry.Endpoint;
import micro.api.registry.Node;
import micro.api.registry.Service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service name served by this process: its handler objects and the endpoints they make. The
 * endpoint map is replaced, never changed, so requests read it without locking.
 */
final class ServedService {

    private static final Logger LOG = LoggerFactory.getLogger(ServedService.class);

    private final String name;
    private final String version;
    private final String nodeId;
    private final Map<Object, String> handlers = new LinkedHashMap<>();
    private volatile Map<String, EndpointMethod> endpoints = Map.of();
    private volatile Map<String, StreamMethod> streams = Map.of();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private volatile long lastCallNanos = System.nanoTime();

    ServedService(String name, String version, DebugHandler debug) {
        this(name, version, name + "-" + UUID.randomUUID(), debug);
    }

    /** @param nodeId the id its node registers with, go-micro's {@code NAME-ID} */
    ServedService(String name, String version, String nodeId, DebugHandler debug) {
        this.name = name;
        this.version = version;
        this.nodeId = nodeId;
        handlers.put(debug, "Debug");
    }

    String name() {
        return name;
    }

    String nodeId() {
        return nodeId;
    }

    EndpointMethod endpoint(String endpoint) {
        return endpoints.get(endpoint);
    }

    StreamMethod stream(String endpoint) {
        return streams.get(endpoint);
    }

    String endpointNames() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(endpoints.keySet());
        names.addAll(streams.keySet());
        return String.join(", ", names);
    }

    synchronized void addHandler(String handlerName, Object handler) {
        withdrawn = false;
        handlers.put(handler, handlerName);
        rebuild();
        handlersChangedNanos = System.nanoTime();
    }

    // When a handler last came or went: the components of one bundle activate one by one, so for a
    // moment a service may be served with only some of its handlers.
    private volatile long handlersChangedNanos = System.nanoTime();

    /** Whether a handler came or went less than {@code window} ago: its endpoints may still be arriving. */
    boolean handlersChangedWithin(java.time.Duration window) {
        return System.nanoTime() - handlersChangedNanos < window.toNanos();
    }

    private volatile boolean withdrawn; // deregistered while handlers leave: renewals must not bring it back

    void withdraw() {
        withdrawn = true;
    }

    boolean withdrawn() {
        return withdrawn;
    }

    /** Registered again: renewals keep it from now on. */
    void restore() {
        withdrawn = false;
    }

    /** The handler objects besides the built-in Debug one. */
    synchronized java.util.List<Object> handlers() {
        return handlers.keySet().stream().filter(h -> !(h instanceof DebugHandler)).toList();
    }

    void callStarted() {
        inFlight.incrementAndGet();
        lastCallNanos = System.nanoTime();
    }

    void callEnded() {
        inFlight.decrementAndGet();
    }

    /** No call in flight, and none started for {@code quietNanos}. */
    boolean idleFor(long quietNanos) {
        return inFlight.get() == 0 && System.nanoTime() - lastCallNanos >= quietNanos;
    }

    /** Removes a handler; true when only the built-in Debug handler is left. */
    synchronized boolean removeHandler(Object handler) {
        handlers.remove(handler);
        rebuild();
        handlersChangedNanos = System.nanoTime();
        return handlers.size() <= 1;
    }

    /** The registry entry of this service with one node, {@code node} at {@code address}. */
    Service describe(String node, String address, Map<String, String> metadata) {
        List<Endpoint> described = new ArrayList<>();
        for (EndpointMethod endpoint : endpoints.values()) {
            described.add(endpoint.description());
        }
        for (StreamMethod stream : streams.values()) {
            described.add(stream.description());
        }
        described.sort(java.util.Comparator.comparing(Endpoint::name));
        return new Service(name, version, Map.of(), described, List.of(new Node(node, address, metadata)));
    }

    private void rebuild() {
        Map<String, EndpointMethod> table = new TreeMap<>();
        Map<String, StreamMethod> streamTable = new TreeMap<>();
        for (Map.Entry<Object, String> handler : handlers.entrySet()) {
            for (Method method : handler.getKey().getClass().getMethods()) {
                StreamMethod stream = isInstanceMethod(method) ? StreamMethod.of(handler.getValue(), handler.getKey(), method) : null;
                if (stream != null) {
                    streamTable.putIfAbsent(stream.name(), stream);
                } else if (isEndpoint(method)) {
                    EndpointMethod endpoint = new EndpointMethod(handler.getValue(), handler.getKey(), method);
                    if (table.putIfAbsent(endpoint.name(), endpoint) != null) {
                        LOG.warn("service {}: endpoint {} is defined twice; keeping the first", name, endpoint.name());
                    }
                }
            }
        }
        endpoints = Collections.unmodifiableMap(table);
        streams = Collections.unmodifiableMap(streamTable);
    }

    private static boolean isInstanceMethod(Method method) {
        return method.getDeclaringClass() != Object.class && !Modifier.isStatic(method.getModifiers())
                && !method.isSynthetic() && !method.isBridge();
    }

    /** Public instance methods of the handler's classes, not Object's, with at most one parameter. */
    private static boolean isEndpoint(Method method) {
        return method.getDeclaringClass() != Object.class && !Modifier.isStatic(method.getModifiers())
                && !method.isSynthetic() && !method.isBridge() && method.getParameterCount() <= 1;
    }
}
