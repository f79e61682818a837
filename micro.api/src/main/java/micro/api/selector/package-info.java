/**
 * Node selection: picks one node of a service for each call attempt.
 * <p>
 * A {@link micro.api.selector.Selector} answers from a cache fed by a registry watch, never with a
 * registry round trip per call. Strategies are named ({@code random}, {@code roundrobin}); nodes
 * marked as failed are left out for a while, then return. Thread safe; {@code select} never blocks on
 * the network once the service is cached.
 */
@Export
@Version("1.1.0")
package micro.api.selector;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
