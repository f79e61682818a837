/**
 * Serving services: the whiteboard properties.
 * <p>
 * Any OSGi service registered with property {@code micro.service=NAME} is served under that name; its
 * public methods with zero or one parameter become endpoints {@code Handler.Method}, the handler name
 * being {@code micro.handler} or the simple class name. Methods may return a value, {@code void} or a
 * {@link java.util.concurrent.CompletionStage}. A {@link micro.api.MicroException} thrown by a method
 * reaches the caller as is; any other exception as code 500 with its message. Services with property
 * {@code micro.subscribe=TOPIC} (optional {@code micro.queue=GROUP}) receive the messages of that
 * topic instead: each public one-parameter method gets each message decoded into its parameter type;
 * an exception is logged and delivery goes on.
 */
@Export
@Version("1.0.0")
package micro.api.server;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
