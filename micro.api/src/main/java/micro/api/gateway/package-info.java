/**
 * What the API gateway's {@code api} handler exchanges with a service that wants the whole HTTP
 * request: {@link micro.api.gateway.ApiRequest} in, {@link micro.api.gateway.ApiResponse} out, with
 * go-micro's JSON field names ({@code method, path, header, get, post, body, url} and
 * {@code statusCode, header, body}). Header and parameter values are {@link micro.api.gateway.Pair}s
 * because a name may repeat.
 */
@Export
@Version("1.0.0")
package micro.api.gateway;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
