package micro.core.internal.client;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import micro.api.MicroException;
import micro.api.broker.Broker;
import micro.api.client.CallOptions;
import micro.api.client.Client;
import micro.api.client.RetryPolicy;
import micro.api.codec.Codec;
import micro.api.metadata.Metadata;
import micro.api.registry.Node;
import micro.api.selector.Next;
import micro.api.selector.SelectOptions;
import micro.api.selector.Selector;
import micro.api.transport.Message;
import micro.api.transport.Stream;
import micro.api.transport.Transport;
import micro.api.wrapper.CallWrapper;
import micro.core.internal.codec.Codecs;
import micro.core.internal.local.LocalNodes;
import micro.core.internal.wrapper.RankedWrappers;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Calls services by name through the selector, the codecs and the transports bound right now. A call
 * made while serving one carries that call's {@link Metadata} on and ends by its deadline.
 */
@Component(service = Client.class, configurationPid = "micro.client")
@Designate(ocd = DefaultClient.Config.class)
public final class DefaultClient implements Client {

    @ObjectClassDefinition(name = "micro client", description = "Defaults of every call made through the client.")
    public @interface Config {
        @AttributeDefinition(name = "Request timeout (ms)", description = "Deadline of the whole call, every attempt and pause included.")
        long request_timeout_ms() default 5000;

        @AttributeDefinition(name = "Retries", description = "Attempts after the first that the retry policy may ask for. "
                + "A node that cannot be reached costs none: the call goes on to the next node.")
        int retries() default 1;

        @AttributeDefinition(name = "Retry policy", description = "Which error replies are tried again: 5xx "
                + "(server_errors), 5xx and a service's own 408 (server_errors_and_timeouts, go-micro v1's default), or none.",
                options = {
                        @Option(label = "5xx replies", value = "server_errors"),
                        @Option(label = "5xx and 408 replies", value = "server_errors_and_timeouts"),
                        @Option(label = "never", value = "never") })
        String retry_policy() default "server_errors";

        @AttributeDefinition(name = "Backoff (ms)", description = "Pause before the first retry; doubled at each further one.")
        long backoff_ms() default 100;

        @AttributeDefinition(name = "Content type", description = "Content type of the requests the client encodes.")
        String content_type() default "application/json";

        @AttributeDefinition(name = "Local calls", description = "Call nodes served by this very host in-process, on the "
                + "caller's thread, instead of through the transport (still encoded and decoded).")
        boolean local_calls() default true;
    }

    /** The Metatype defaults, in force until a configuration says otherwise. */
    static final ClientSettings DEFAULTS = new ClientSettings(Duration.ofMillis(5000), 1, Duration.ofMillis(100),
            "application/json", RetryPolicy.Named.SERVER_ERRORS);

    private final Codecs codecs = new Codecs();
    private final Transports transports = new Transports();
    private final RankedWrappers<CallWrapper> callWrappers = new RankedWrappers<>();
    private final LocalNodes hostNodes;
    private volatile ClientSettings settings;
    private volatile LocalNodes localNodes;
    private volatile Broker broker;

    // Dynamic + greedy, like the other plugins: a better selector installed at run time takes over,
    // and removing it falls back to the next, without the client (and whoever holds it) restarting.
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Selector selector;

    @Activate
    public DefaultClient(Config config, Map<String, Object> properties, @Reference LocalNodes localNodes) {
        this.hostNodes = localNodes;
        modified(config, properties);
    }

    /** For use as a plain library (the bench): wired by hand as DS would. */
    public DefaultClient(Config config, Selector selector, LocalNodes localNodes) {
        this(config, Map.of(), localNodes);
        this.selector = selector;
    }

    DefaultClient(ClientSettings settings, Selector selector, LocalNodes localNodes) {
        this.settings = settings;
        this.selector = selector;
        this.hostNodes = localNodes;
        this.localNodes = localNodes;
    }

    ClientSettings settings() {
        return settings;
    }

    /** Applied live: calls started afterwards use the new settings; nothing restarts, no call fails. */
    @Modified
    void modified(Config config, Map<String, Object> properties) {
        ClientConfigReader reader = new ClientConfigReader(properties);
        ClientSettings last = settings == null ? DEFAULTS : settings;
        settings = reader.read(config, last);
        localNodes = reader.localCalls(config, localNodes == null || localNodes == hostNodes) ? hostNodes : new LocalNodes();
    }

    // Dynamic: transports and codecs come and go at run time; a call uses those bound when it starts.
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addTransport(Transport transport) {
        transports.add(transport);
    }

    public void removeTransport(Transport transport) {
        transports.remove(transport);
    }

    // Call wrappers join and leave the chain of the calls that start afterwards; none in flight changes.
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeCallWrapper", updated = "updatedCallWrapper")
    public void addCallWrapper(CallWrapper wrapper, Map<String, Object> properties) {
        callWrappers.add(wrapper, properties);
    }

    void updatedCallWrapper(CallWrapper wrapper, Map<String, Object> properties) {
        callWrappers.add(wrapper, properties); // a new ranking moves it
    }

    public void removeCallWrapper(CallWrapper wrapper) {
        callWrappers.remove(wrapper);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addCodec(Codec codec) {
        codecs.add(codec);
    }

    public void removeCodec(Codec codec) {
        codecs.remove(codec);
    }

    // Optional, dynamic + greedy: publishing uses the best broker there is at the moment.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setBroker(Broker newBroker) {
        broker = newBroker;
    }

    void unsetBroker(Broker oldBroker) {
        if (broker == oldBroker) {
            broker = null;
        }
    }

    @Override
    public void publish(String topic, Object message) {
        Broker current = broker;
        if (current == null) {
            throw MicroException.unavailable("micro.client", "no broker is installed to publish on " + topic);
        }
        Codec codec = codecs.get(settings.contentType());
        Map<String, String> headers = OutgoingHeaders.ofPublication(codec.contentType(), Metadata.current());
        current.publish(topic, new Message(headers, codec.encode(message)));
    }

    /**
     * The caller only waits: the transport may complete the reply on its I/O thread, which wakes this
     * thread directly instead of through a pool thread; the reply is decoded here.
     */
    @Override
    public <T> T call(String service, String endpoint, Object request, Type responseType, CallOptions options) {
        CallOptions effective = options == null ? CallOptions.defaults() : options;
        Codec codec = requestCodec(effective);
        Message reply = CallOptions.join(attempts(service, endpoint, encoded(codec, request), effective).startAwaited());
        return decoded(reply, codec, responseType);
    }

    @Override
    public <T> CompletableFuture<T> callAsync(String service, String endpoint, Object request, Type responseType,
            CallOptions options) {
        CallOptions effective = options == null ? CallOptions.defaults() : options;
        Codec codec;
        Message message;
        try {
            codec = requestCodec(effective);
            message = encoded(codec, request);
        } catch (MicroException e) {
            return CompletableFuture.failedFuture(e);
        }
        return invoke(service, endpoint, message, effective).thenApply(reply -> decoded(reply, codec, responseType));
    }

    private Codec requestCodec(CallOptions options) {
        return codecs.get(options.contentType() != null ? options.contentType() : settings.contentType());
    }

    private static Message encoded(Codec codec, Object request) {
        return new Message(Map.of(Message.CONTENT_TYPE, codec.contentType()), codec.encode(request));
    }

    /** The reply decoded by the codec its Content-Type names, the request's when it names none. */
    private <T> T decoded(Message reply, Codec requestCodec, Type responseType) {
        String replyType = reply.header(Message.CONTENT_TYPE);
        Codec replyCodec = replyType == null ? requestCodec : codecs.get(replyType);
        return replyCodec.decode(reply.body(), responseType);
    }

    @Override
    public Stream stream(String service, String endpoint, Message request, CallOptions options) {
        CallOptions effective = options == null ? CallOptions.defaults() : options;
        Next nodes = effective.address() != null ? fixed(effective.address())
                : selector.select(service, effective.selection());
        Map<String, String> headers = OutgoingHeaders.of(request, service, endpoint, settings.contentType(), Metadata.current());
        Message opening = new Message(headers, request.body());
        // A service served over several transports has a node per transport: go on past the nodes
        // whose transport is not installed here or carries no streams (memory), to one that does.
        java.util.Set<String> passed = new java.util.HashSet<>();
        MicroException unusable = null;
        for (Node node = nodes.next(); passed.add(node.id()); node = nodes.next()) {
            String transportName = node.metadata().getOrDefault(Node.TRANSPORT, "http");
            Transport transport = transports.get(transportName);
            if (transport == null) {
                unusable = MicroException.unavailable("micro.client", "node " + node.id() + " is served over transport '"
                        + transportName + "' which is not installed here");
                continue;
            }
            try {
                Stream stream = transport.stream(node.address(), opening, settings.timeout(effective));
                selector.mark(service, node, null);
                return stream;
            } catch (MicroException e) {
                if (e.code() == 501) {
                    unusable = e; // this transport carries no streams; another node's may
                    continue;
                }
                selector.mark(service, node, e);
                throw e;
            }
        }
        throw unusable;
    }

    @Override
    public CompletableFuture<Message> invoke(String service, String endpoint, Message request, CallOptions options) {
        CallOptions effective = options == null ? CallOptions.defaults() : options;
        try {
            CallAttempts attempts = attempts(service, endpoint, request, effective);
            // The caller promised continuations that never block: its reply may complete where it is read.
            return effective.replyOnIoThread() ? attempts.startAwaited() : attempts.start();
        } catch (MicroException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A call ready to start: its nodes, deadline, retries and wrappers.
     *
     * @throws MicroException when it cannot be made at all (no name, no time left, no node to select)
     */
    private CallAttempts attempts(String service, String endpoint, Message request, CallOptions effective) {
        if (service == null || service.isBlank() || endpoint == null || endpoint.isBlank()) {
            throw MicroException.badRequest("micro.client", "a call needs a service name and an endpoint");
        }
        Metadata served = Metadata.current();
        Duration timeout = settings.timeout(effective);
        if (served.expired()) {
            throw new MicroException("micro.client", 408, "no time left to call " + service + " " + endpoint
                    + ": the caller of " + served.servedService() + " has stopped waiting");
        }
        Duration left = served.remaining().orElse(timeout);
        if (left.compareTo(timeout) < 0) {
            timeout = left; // never past the deadline of the call being served
        }
        Selector current = selector;
        SelectOptions selection = effective.selection();
        Next nodes = effective.address() != null ? fixed(effective.address()) : current.select(service, selection);
        // A retry that finds no node left asks the selector again: the node may be back at a new address.
        java.util.function.Supplier<Next> reselect = effective.address() != null ? null : () -> current.select(service, selection);
        Map<String, String> headers = OutgoingHeaders.of(request, service, endpoint, settings.contentType(), served);
        return new CallAttempts(service, endpoint, nodes, reselect, current, transports, localNodes,
                new Message(headers, request.body()), timeout,
                new CallAttempts.Retries(settings.retries(effective), settings.backoff(effective),
                        settings.retryPolicy(effective)), callWrappers.snapshot());
    }

    /** A call to a given address bypasses the registry; the node speaks the default transport. */
    private static Next fixed(String address) {
        Node node = new Node("direct-" + address, address, Map.of());
        return () -> node;
    }
}
