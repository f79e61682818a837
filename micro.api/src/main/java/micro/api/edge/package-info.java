/**
 * The edges of a running system: gateway, command endpoint and the other tools that listen outside
 * the service mesh, published as {@link micro.api.edge.Edge} services.
 */
@Export
@Version("1.1.0")
package micro.api.edge;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
