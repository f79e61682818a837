package micro.transport.http.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.Stream;
import micro.api.transport.StreamHandler;
import micro.api.transport.Transport;
import micro.api.transport.TransportHandler;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The HTTP transport: {@code POST /} with {@code Micro-Service}, {@code Micro-Endpoint}, {@code Micro-Id}
 * and {@code Content-Type} headers; errors travel as JSON with their code as HTTP status.
 */
@Component(service = Transport.class, configurationPid = "micro.transport.http",
        property = Transport.PROPERTY + "=" + HttpTransport.NAME)
@Designate(ocd = HttpTransport.Config.class)
public final class HttpTransport implements Transport {

    static final String NAME = "http";

    @ObjectClassDefinition(name = "micro HTTP transport", description = "Limits of the HTTP transport.")
    public @interface Config {
        @AttributeDefinition(name = "Max body (bytes)", description = "Largest request or reply body; larger requests get 413.")
        int max_body_bytes() default 10 * 1024 * 1024;

        @AttributeDefinition(name = "Idle timeout (ms)", description = "Closes connections idle this long; a request body must arrive whole within it (else 408).")
        long idle_timeout_ms() default 30_000;

        @AttributeDefinition(name = "Drain timeout (ms)", description = "How long a closing listener waits for calls in flight.")
        long drain_timeout_ms() default 10_000;

        @AttributeDefinition(name = "Max threads", description = "Threads serving requests, per listener.")
        int max_threads() default 200;

        @AttributeDefinition(name = "Pool size", description = "Connections kept open to each node.")
        int pool_size() default 64;

        @AttributeDefinition(name = "Max streams", description = "Streams served at once, per listener; more are refused with 503.")
        int max_streams() default 256;
    }

    private final HttpSettings settings;
    private final HttpCaller caller;
    private final StreamOpener streams;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public HttpTransport(Config config) {
        this(HttpSettings.of(config));
    }

    HttpTransport(HttpSettings settings) {
        this.settings = settings;
        this.caller = new HttpCaller(settings);
        this.streams = new StreamOpener(settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Listener listen(String address, TransportHandler handler) {
        return listen(address, handler, null);
    }

    @Override
    public Listener listen(String address, TransportHandler handler, StreamHandler streams) {
        HttpListener[] self = new HttpListener[1];
        self[0] = HttpListener.open(address, handler, streams, settings, () -> listeners.remove(self[0]));
        listeners.add(self[0]);
        return self[0];
    }

    @Override
    public Stream stream(String address, Message request, Duration timeout) {
        return streams.open(address, request, timeout);
    }

    @Override
    public CompletableFuture<Message> call(String address, Message request, Duration timeout) {
        return caller.call(address, request, timeout);
    }

    @Override
    public CompletableFuture<Message> callAwaited(String address, Message request, Duration timeout) {
        return caller.callAwaited(address, request, timeout);
    }

    /** Closes what is still open: listeners first, so their calls in flight finish, then the client. */
    @Deactivate
    public void close() {
        for (Listener listener : List.copyOf(listeners)) {
            listener.close();
        }
        streams.close();
        caller.close();
    }
}
