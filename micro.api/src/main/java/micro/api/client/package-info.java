/**
 * Calling services by name.
 * <p>
 * The {@link micro.api.client.Client} resolves a service through the selector, encodes the request
 * with a codec, sends it over the transport the node advertises, and retries other nodes on
 * connection errors, timeouts and 5xx replies. Every call has a deadline; errors are
 * {@link micro.api.MicroException}s (404 unknown service, 408 timeout, 503 no node available). It also
 * publishes messages on topics through the best {@link micro.api.broker.Broker}.
 */
@Export
@Version("1.0.0")
package micro.api.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
