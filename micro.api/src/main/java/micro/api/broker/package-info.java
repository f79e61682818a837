/**
 * Publish/subscribe messaging.
 * <p>
 * A {@link micro.api.broker.Broker} delivers every message published on a topic to each subscriber,
 * except that subscribers sharing a queue group receive each message once between them. Publishing to a
 * topic with no subscriber is not an error.
 */
@Export
@Version("1.0.0")
package micro.api.broker;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
