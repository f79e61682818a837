/**
 * The metadata of a call, carried along a call chain.
 * <p>
 * What a handler serves comes with {@link micro.api.metadata.Metadata}: the {@code Micro-*} and
 * {@code X-Micro-*} headers of the request (a gateway passes its clients' {@code X-Micro-*} headers
 * on), the service that called ({@code Micro-From-Service}) and the time left before the caller stops
 * waiting (go-micro's {@code Timeout} header). Calls the handler makes carry the metadata on, and
 * their deadline is never later than the one of the call being served.
 */
@Export
@Version("1.0.0")
package micro.api.metadata;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
