/**
 * Moving messages between nodes.
 * <p>
 * A {@link micro.api.transport.Transport} listens on an address and hands each request
 * {@link micro.api.transport.Message} to a {@link micro.api.transport.TransportHandler}, and calls a
 * remote address. Several transports may coexist: a node advertises its transport in its metadata
 * ({@code transport=NAME}) and the client uses the matching one. Calls never block the caller: they
 * return a {@link java.util.concurrent.CompletableFuture} completed with the reply, with the remote
 * {@link micro.api.MicroException}, or with a {@link micro.api.transport.TransportException} when the
 * node could not be reached.
 */
@Export
@Version("1.4.0")
package micro.api.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
