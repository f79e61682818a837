/**
 * Plumbing every registry plugin needs, kept in one place as go-micro kept it in
 * {@code registry/util.go}: joining stored entries into one service per version
 * ({@link micro.api.registry.support.ServiceVersions}) and handing watch events to the listeners of
 * a registry ({@link micro.api.registry.support.RegistryListeners}), and, for a registry that can only
 * re-read what it stores, the events between two looks ({@link micro.api.registry.support.NodeChanges}),
 * and the pauses of a watch that keeps failing ({@link micro.api.registry.support.Backoff}).
 * A plugin depends on
 * {@code micro.api} only.
 */
@Export
@Version("1.1.0")
package micro.api.registry.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
