/**
 * What the HTTP edges of micro (gateway, sidecar, web) share: JSON errors with the status an HTTP
 * client expects, bodies read without a parked thread and within a deadline, JSON checks, CORS,
 * go-micro's path resolver and the relay of a request to a service. Not a contract for services:
 * only the edge bundles of this project import it.
 */
@Export
@Version("1.0.0")
package micro.edge.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
