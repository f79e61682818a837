package micro.core.internal.client;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import micro.api.MicroException;
import micro.api.client.CallOptions;
import micro.api.client.Client;
import micro.api.client.RemoteService;
import micro.api.transport.Message;
import micro.api.transport.Stream;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports remote services as Aries RSA does, without an endpoint file: every interface a started
 * bundle declares with {@link RemoteService} (its {@value RemoteService#NAMESPACE} capability)
 * becomes an OSGi service of that interface, a typed client of the service it names, registered
 * in that bundle's own context, with {@code service.imported=true}. A DS component gets it with
 * {@code @Reference Greeter greeter}; it goes when the bundle stops. Calls go through the best
 * client of the moment, so a client swap changes no registration.
 */
@Component(immediate = true)
@Capability(namespace = "osgi.extender", name = RemoteService.NAMESPACE, version = "1.0")
public final class RemoteServiceImports {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteServiceImports.class);

    /** Remote Services' marks of an imported service. */
    static final String IMPORTED = "service.imported";
    static final String IMPORTED_CONFIGS = "service.imported.configs";

    private volatile Client client;
    private final Client current = new CurrentClient(() -> client);
    private BundleTracker<List<ServiceRegistration<?>>> bundles;

    @Activate
    void activate(BundleContext context) {
        bundles = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, new Importer());
        bundles.open();
    }

    @Deactivate
    void deactivate() {
        bundles.close();
    }

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, updated = "setClient")
    void setClient(Client newClient) {
        client = newClient;
    }

    void unsetClient(Client oldClient) {
        if (client == oldClient) {
            client = null;
        }
    }

    private final class Importer implements BundleTrackerCustomizer<List<ServiceRegistration<?>>> {

        @Override
        public List<ServiceRegistration<?>> addingBundle(Bundle bundle, BundleEvent event) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            List<BundleCapability> declared = revision == null ? List.of() : revision.getDeclaredCapabilities(RemoteService.NAMESPACE);
            if (declared.isEmpty()) {
                return null;
            }
            List<ServiceRegistration<?>> registrations = new ArrayList<>();
            for (BundleCapability capability : declared) {
                Object name = capability.getAttributes().get(RemoteService.NAMESPACE);
                ServiceRegistration<?> registration = register(bundle, String.valueOf(name));
                if (registration != null) {
                    registrations.add(registration);
                }
            }
            return registrations;
        }

        private ServiceRegistration<?> register(Bundle bundle, String interfaceName) {
            BundleContext context = bundle.getBundleContext();
            if (context == null) {
                return null;
            }
            try {
                Class<?> api = bundle.loadClass(interfaceName);
                Object proxy = current.proxy(api);
                Hashtable<String, Object> properties = new Hashtable<>();
                properties.put(IMPORTED, Boolean.TRUE);
                properties.put(IMPORTED_CONFIGS, "micro");
                properties.put(RemoteService.NAMESPACE, api.getAnnotation(RemoteService.class).value());
                ServiceRegistration<?> registration = context.registerService(interfaceName, proxy, properties);
                LOG.info("imported {} of {} as an OSGi service", interfaceName, api.getAnnotation(RemoteService.class).value());
                return registration;
            } catch (ClassNotFoundException | IllegalArgumentException | IllegalStateException | NullPointerException e) {
                LOG.warn("cannot import remote service {} of bundle {}: {}", interfaceName, bundle.getSymbolicName(), e.toString());
                return null;
            }
        }

        @Override
        public void modifiedBundle(Bundle bundle, BundleEvent event, List<ServiceRegistration<?>> registrations) {
        }

        @Override
        public void removedBundle(Bundle bundle, BundleEvent event, List<ServiceRegistration<?>> registrations) {
            for (ServiceRegistration<?> registration : registrations) {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the stopping bundle's registrations went with it
                }
            }
        }
    }

    /** The client of the moment, or a 503 for a call made while there is none. */
    private record CurrentClient(java.util.function.Supplier<Client> best) implements Client {

        private Client client() {
            Client now = best.get();
            if (now == null) {
                throw MicroException.unavailable("micro.client", "no client is installed right now");
            }
            return now;
        }

        @Override
        public <T> java.util.concurrent.CompletableFuture<T> callAsync(String service, String endpoint, Object request,
                java.lang.reflect.Type responseType, CallOptions options) {
            try {
                return client().callAsync(service, endpoint, request, responseType, options);
            } catch (MicroException e) {
                return java.util.concurrent.CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public java.util.concurrent.CompletableFuture<Message> invoke(String service, String endpoint, Message request,
                CallOptions options) {
            return client().invoke(service, endpoint, request, options);
        }

        @Override
        public void publish(String topic, Object message) {
            client().publish(topic, message);
        }

        @Override
        public Stream stream(String service, String endpoint, Message request, CallOptions options) {
            return client().stream(service, endpoint, request, options);
        }
    }
}
