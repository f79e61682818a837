package micro.core.internal.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import micro.api.MicroException;
import micro.api.codec.Codec;
import micro.api.metadata.Metadata;
import micro.api.transport.Message;
import micro.api.transport.NotServedHereException;
import micro.api.transport.Stream;
import micro.api.transport.StreamHandler;
import micro.api.transport.TransportHandler;
import micro.api.wrapper.HandlerWrapper;
import micro.core.internal.codec.Codecs;
import micro.core.internal.wrapper.RankedWrappers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request message into a method call: finds the service and endpoint named by the headers,
 * decodes the body with the codec of its content type, and encodes the result. Every failure is a
 * {@link MicroException} naming what was wrong; runs on transport threads, many at once. The handler
 * runs with the request's {@link Metadata} bound to its thread, so the calls it makes carry them on
 * and end by its caller's deadline; a request whose caller has already stopped waiting is not run.
 */
final class RequestDispatcher implements TransportHandler, StreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final ConcurrentMap<String, ServedService> services = new ConcurrentHashMap<>();
    private final Codecs codecs;
    private final RankedWrappers<HandlerWrapper> wrappers = new RankedWrappers<>();

    /** How long after a handler came or went an unknown endpoint is a 503 rather than a 404. */
    static final Duration SETTLING = Duration.ofSeconds(2);

    private final Duration settling;

    RequestDispatcher(Codecs codecs) {
        this(codecs, SETTLING);
    }

    /** @param settling how long after a handler came or went an unknown endpoint is a 503 ("on the way") */
    RequestDispatcher(Codecs codecs, Duration settling) {
        this.codecs = codecs;
        this.settling = settling;
    }

    /** The handler wrappers every call runs through (the server's whiteboard fills it). */
    RankedWrappers<HandlerWrapper> wrappers() {
        return wrappers;
    }

    ConcurrentMap<String, ServedService> services() {
        return services;
    }

    /** The names of the services served here that have the (unary) endpoint, sorted. */
    List<String> servicesWithEndpoint(String endpoint) {
        return services.values().stream().filter(service -> service.endpoint(endpoint) != null)
                .map(ServedService::name).sorted().toList();
    }

    @Override
    public Message handle(Message request) {
        String serviceName = request.header(Message.SERVICE);
        String endpointName = request.header(Message.ENDPOINT);
        if (serviceName == null || serviceName.isBlank()) {
            throw MicroException.badRequest("micro.server", "missing header " + Message.SERVICE);
        }
        if (endpointName == null || endpointName.isBlank()) {
            throw MicroException.badRequest("micro.server", "missing header " + Message.ENDPOINT);
        }
        ServedService service = services.get(serviceName);
        if (service == null) {
            // The registry sent the caller here, so the service is known: a moment's gap (its bundle
            // restarting) or a stale entry. 503 lets the caller retry, on another node or shortly.
            throw new NotServedHereException("service " + serviceName + " is not served here now; served: "
                    + String.join(", ", new java.util.TreeSet<>(services.keySet())));
        }
        EndpointMethod endpoint = service.endpoint(endpointName);
        if (endpoint == null && service.stream(endpointName) != null) {
            throw MicroException.badRequest(serviceName, endpointName + " is a streaming endpoint: open a stream to it"
                    + " (micro stream " + serviceName + " " + endpointName + ")");
        }
        if (endpoint == null && service.withdrawn()) {
            // Its handlers are leaving or coming back (a bundle update): a moment's gap, not an unknown endpoint.
            throw new NotServedHereException("service " + serviceName + " is restarting here: " + endpointName
                    + " is away for a moment");
        }
        if (endpoint == null && service.handlersChangedWithin(settling)) {
            // Starting: the service is served (and may be registered) with its first handler while the
            // bundle's other components are still activating. A caller sent here for an endpoint on
            // the way is told to try again, another node or shortly, not that it does not exist.
            throw new NotServedHereException("service " + serviceName + " is starting here: " + endpointName
                    + " is not served yet (endpoints so far: " + service.endpointNames() + ")");
        }
        if (endpoint == null) {
            throw MicroException.notFound(serviceName, "unknown endpoint " + endpointName + " of service " + serviceName
                    + "; known endpoints: " + service.endpointNames());
        }
        Metadata metadata = Metadata.ofRequest(request.headers(), serviceName);
        if (metadata.expired()) {
            throw new MicroException(serviceName, 408, "the caller stopped waiting before " + endpointName + " started");
        }
        Codec codec = codecs.get(request.header(Message.CONTENT_TYPE));
        Object argument = endpoint.requestType() == null ? null : codec.decode(request.body(), endpoint.requestType());
        Object result;
        service.callStarted();
        try (Metadata.Scope bound = metadata.bind()) {
            List<HandlerWrapper> chain = wrappers.snapshot();
            result = chain.isEmpty() ? endpoint.invoke(serviceName, argument)
                    : HandlerChain.serve(chain, new HandlerWrapper.ServedCall(serviceName, endpointName, metadata, argument),
                            () -> endpoint.invoke(serviceName, argument));
        } catch (MicroException e) {
            // Logged once, where it happened: a failure with a cause is a bug of this handler; a plain
            // MicroException is the handler's answer, or an error of a service it called (logged there).
            if (e.code() >= 500 && e.getCause() != null) {
                LOG.warn("{} {} failed: {}", serviceName, endpointName, e.detail(), e.getCause());
            } else if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} answered {}: {}", serviceName, endpointName, e.code(), e.detail());
            }
            throw e;
        } finally {
            service.callEnded();
        }
        return new Message(Map.of(Message.CONTENT_TYPE, codec.contentType()), codec.encode(result == null ? Map.of() : result));
    }

    /** Serves a stream: the opening message names the service and the streaming endpoint. */
    @Override
    public void serve(Message opening, Stream stream) {
        String serviceName = opening.header(Message.SERVICE);
        String endpointName = opening.header(Message.ENDPOINT);
        ServedService service = serviceName == null ? null : services.get(serviceName);
        if (service == null) {
            throw new NotServedHereException("service " + serviceName + " is not served here now");
        }
        StreamMethod method = endpointName == null ? null : service.stream(endpointName);
        if (method == null && service.withdrawn()) {
            throw new NotServedHereException("service " + serviceName + " is restarting here: " + endpointName
                    + " is away for a moment");
        }
        if (method == null) {
            throw MicroException.notFound(serviceName, "no streaming endpoint " + endpointName + " in service " + serviceName
                    + "; endpoints: " + service.endpointNames());
        }
        service.callStarted();
        try (Metadata.Scope bound = Metadata.ofRequest(opening.headers(), serviceName).bind()) {
            method.serve(serviceName, opening, stream, codecs.get(opening.header(Message.CONTENT_TYPE)));
        } finally {
            service.callEnded();
        }
    }
}
