/**
 * Service discovery: the registry model and the {@link micro.api.registry.Registry} contract.
 * <p>
 * The model's JSON field names are go-micro v1's ({@code name, version, metadata, endpoints, nodes},
 * {@code id, address}, {@code request, response}, {@code type, values}) so that entries written by a
 * distributed registry stay readable by go-micro tooling. Model records are immutable; absent
 * collections are empty, never null.
 * <p>
 * Registries are thread safe. {@code register} is idempotent per node: registering a node again
 * replaces it and renews its TTL. Watch listeners are called one event at a time per watch, never
 * while the registry holds a lock, and must not block for long.
 */
@Export
@Version("1.0.0")
package micro.api.registry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
