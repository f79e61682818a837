/**
 * Calling services by name.
 * <p>
 * The {@link micro.api.client.Client} resolves a service through the selector, encodes the request
 * with a codec and sends it over the transport the node advertises. A node that cannot be reached is
 * left for the next one; error replies are retried as the {@link micro.api.client.RetryPolicy} says
 * (5xx by default). One deadline covers the whole call, retries included; errors are
 * {@link micro.api.MicroException}s (404 unknown service, 408 timeout, 503 no node available). It also
 * publishes messages on topics through the best {@link micro.api.broker.Broker}.
 */
@Export
@Version("1.4.0")
package micro.api.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
