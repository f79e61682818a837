/**
 * micro's commands ({@code list services}, {@code query}, {@code routes}, ...) as services, so that
 * every place that runs them — the Karaf shell, {@code micro.jar}, the chat bot, the web CLI — runs the same code and
 * prints the same answer, and a bundle can add a command by publishing one.
 */
@Export
@Version("1.1.0")
package micro.api.command;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
