/**
 * Shared error type of micro for OSGi.
 * <p>
 * Every failure that crosses a bundle or process boundary is a {@link micro.api.MicroException}: it
 * carries an {@code id} (who raised it), an HTTP-like {@code code}, a human {@code detail} and the
 * {@code status} text of the code, and travels as JSON {@code {"id","code","detail","status"}} on the
 * wire, as go-micro's errors do.
 */
@Export
@Version("1.0.0")
package micro.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
