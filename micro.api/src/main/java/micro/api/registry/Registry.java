package micro.api.registry;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where services find each other. Published as an OSGi service with property
 * {@value #PROPERTY}{@code =<name>}; the highest ranked registry is the one in use.
 */
@ProviderType
public interface Registry {

    /** Service property naming the registry implementation: {@code memory}, {@code etcd}, ... */
    String PROPERTY = "micro.registry";

    /** This registry's name, equal to its {@value #PROPERTY} property. */
    String name();

    /**
     * Adds or renews the nodes of {@code service}. Each node expires {@code ttl} after its last
     * registration unless registered again; {@link Duration#ZERO} (or a negative TTL, or null) means
     * never. A registry that counts in whole seconds rounds a TTL under a second up to one.
     */
    void register(Service service, Duration ttl);

    /** Removes the nodes of {@code service}; the service disappears with its last node. */
    void deregister(Service service);

    /** Every version of the named service, with its live nodes; empty when unknown. */
    List<Service> getService(String name);

    /** Every known service, one entry per version, without nodes. */
    List<Service> listServices();

    /**
     * Streams changes of the named service, or of all services when {@code service} is null, until
     * the returned watch is closed.
     */
    Watch watch(String service, RegistryListener listener);
}
