/**
 * Serving services: the whiteboard properties.
 * <p>
 * Any OSGi service registered with property {@code micro.service=NAME} is served under that name; its
 * public methods with zero or one parameter become endpoints {@code Handler.Method}, the handler name
 * being {@code micro.handler} or the simple class name. Methods may return a value, {@code void} or a
 * {@link java.util.concurrent.CompletionStage}. A {@link micro.api.MicroException} thrown by a method
 * reaches the caller as is; any other exception as code 500 with its message.
 */
@Export
@Version("1.0.0")
package micro.api.server;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
