/**
 * Plumbing every registry plugin needs, kept in one place as go-micro kept it in
 * {@code registry/util.go}: joining stored entries into one service per version
 * ({@link micro.api.registry.support.ServiceVersions}) and handing watch events to the listeners of
 * a registry ({@link micro.api.registry.support.RegistryListeners}). A plugin depends on
 * {@code micro.api} only.
 */
@Export
@Version("1.0.0")
package micro.api.registry.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
