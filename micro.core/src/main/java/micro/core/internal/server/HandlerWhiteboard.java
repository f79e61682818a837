package micro.core.internal.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import micro.api.server.ServerProperties;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler whiteboard: every OSGi service with {@code micro.service} becomes a handler of that
 * service in the dispatcher, and is published through the server. A handler that leaves is withdrawn
 * first and served on through a {@link Drain}, so no caller whose cache still names the node gets "not
 * served here" or "unknown endpoint"; what remains is published again only if a live bundle serves it.
 */
final class HandlerWhiteboard extends ServiceTracker<Object, HandlerWhiteboard.Served> {

    /** What the whiteboard asks of the server; called with no lock held (registering is network I/O). */
    interface Publication {
        /** Whether the server listens and has a registry: only then is there anything to publish. */
        boolean published();

        void register(ServedService service);

        void deregister(ServedService service);

        /** The server itself is stopping and drained everything already. */
        boolean stopping();

        /** Called before a handler leaves: a framework stop drains everything first. */
        void beforeAHandlerLeaves();

        Duration drainPeriod();
    }

    record Served(ServedService service, Object handler, Bundle bundle) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(HandlerWhiteboard.class);

    private final BundleContext context;
    private final Map<String, ServedService> services;
    private final Object lock = new Object(); // over the services map and the bundles, never over a registry call
    private final Publication publication;
    private final NewService newService;
    private final Map<Object, Bundle> bundles = new ConcurrentHashMap<>();

    /** Makes the entry of a service served for the first time, given its name and its handler's version (or null). */
    interface NewService {
        ServedService of(String name, String declaredVersion);
    }

    HandlerWhiteboard(BundleContext context, Map<String, ServedService> services, Publication publication, NewService newService)
            throws InvalidSyntaxException {
        super(context, context.createFilter("(" + ServerProperties.SERVICE + "=*)"), null);
        this.context = context;
        this.services = services;
        this.publication = publication;
        this.newService = newService;
    }

    @Override
    public Served addingService(ServiceReference<Object> reference) {
        Object handler = context.getService(reference);
        if (handler == null) {
            return null;
        }
        String name = String.valueOf(reference.getProperty(ServerProperties.SERVICE));
        Object handlerProperty = reference.getProperty(ServerProperties.HANDLER);
        String handlerName = handlerProperty != null ? handlerProperty.toString() : handler.getClass().getSimpleName();
        Object versionProperty = reference.getProperty(ServerProperties.VERSION);
        String version = versionProperty != null ? versionProperty.toString() : null;
        ServedService service;
        synchronized (lock) {
            service = services.computeIfAbsent(name, n -> newService.of(n, version));
            service.addHandler(handlerName, handler);
            bundles.put(handler, reference.getBundle());
        }
        LOG.info("serving {} handler {} (endpoints {})", name, handlerName, service.endpointNames());
        publication.register(service);
        return new Served(service, handler, reference.getBundle());
    }

    @Override
    public void removedService(ServiceReference<Object> reference, Served served) {
        publication.beforeAHandlerLeaves();
        ServedService service = served.service();
        if (!publication.stopping() && publication.published()) {
            service.withdraw();
            publication.deregister(service);
            Drain.await(List.of(service), publication.drainPeriod());
        }
        boolean gone;
        boolean republish;
        synchronized (lock) {
            bundles.remove(served.handler());
            gone = service.removeHandler(served.handler());
            if (gone) {
                services.remove(service.name());
            }
            // Handlers of stopping bundles are about to go too: publishing what remains of them would
            // send callers to a node about to lose it. Only handlers of live bundles count.
            republish = !gone && servedByLiveBundles(service);
            if (republish) {
                service.restore();
            }
        }
        if (gone) {
            publication.deregister(service);
        } else if (republish) {
            publication.register(service);
        }
        context.ungetService(reference);
    }

    /** Whether a handler left in {@code service} belongs to a bundle that is not stopping. */
    private boolean servedByLiveBundles(ServedService service) {
        for (Object handler : service.handlers()) {
            Bundle bundle = bundles.get(handler);
            if (bundle == null || (bundle.getState() & (Bundle.STOPPING | Bundle.RESOLVED)) == 0) {
                return true;
            }
        }
        return false;
    }
}
