package micro.api.selector;

import micro.api.registry.Node;

import org.osgi.annotation.versioning.ProviderType;

/** Picks nodes of a service for the client. */
@ProviderType
public interface Selector {

    /**
     * A source of nodes of {@code service} for one call and its retries.
     *
     * @throws ServiceNotFoundException when the registry knows no such service (code 404)
     * @throws NoneAvailableException when the service has no node left to try (code 503)
     */
    Next select(String service, SelectOptions options);

    /** Reports the outcome of a call to {@code node}: {@code error} null is a success. */
    void mark(String service, Node node, Throwable error);

    /** Forgets what is cached and marked about {@code service}. */
    void reset(String service);
}
