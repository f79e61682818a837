package ${package}.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import micro.api.registry.Registry;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Publishes the {@link KeyValueRegistry} as micro's {@code Registry} service
 * {@code micro.registry=${registryName}}, ranked by the PID {@code micro.registry.${registryName}}.
 *
 * <p>It registers the service itself rather than through {@code @Component(service = ...)}, for two
 * reasons a plugin that lets operators choose its ranking meets in Karaf: {@code config:property-set}
 * stores every value as a String, and the framework ranks a String {@code service.ranking} as 0,
 * silently; and a greedy reference (micro's consumers hold one) does not leave a bound service
 * whose ranking drops. So the ranking is read through {@link Config} (which turns "-200" into an
 * int) and a new ranking is a new registration of the same registry: consumers move to whichever
 * registry is best then, the new one first, so no call finds none.
 */
@Component(configurationPid = "micro.registry.${registryName}")
@Designate(ocd = RegistryPublisher.Config.class)
public final class RegistryPublisher {

    /** The PID {@code micro.registry.${registryName}}. */
    @ObjectClassDefinition(name = "micro registry ${registryName}", description = "The ${registryName} registry plugin.")
    public @interface Config {
        @AttributeDefinition(name = "Ranking", description = "micro uses the highest ranked registry: its memory registry "
                + "ranks -100, etcd and Consul 100.")
        int service_ranking() default 200;
    }

    private final BundleContext context;
    private final KeyValueRegistry registry = new KeyValueRegistry();
    private ServiceRegistration<Registry> registration; // guarded by this
    private int ranking; // guarded by this

    @Activate
    public RegistryPublisher(BundleContext context, Config config) {
        this.context = context;
        modified(config);
    }

    @Modified
    synchronized void modified(Config config) {
        if (registration != null && config.service_ranking() == ranking) {
            return;
        }
        ServiceRegistration<Registry> previous = registration;
        ranking = config.service_ranking();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Registry.PROPERTY, registry.name());
        properties.put(Constants.SERVICE_RANKING, ranking);
        registration = context.registerService(Registry.class, registry, properties);
        if (previous != null) {
            previous.unregister();
        }
    }

    @Deactivate
    synchronized void deactivate() {
        registration.unregister();
        registry.close();
    }
}
