/**
 * Encoding of request and response bodies.
 * <p>
 * Several {@link micro.api.codec.Codec}s may be registered at once, each with the service property
 * {@code micro.codec.content.type}; the content type of a message picks the codec. Codecs are stateless
 * and thread safe. A body that cannot be decoded is a {@link micro.api.MicroException} with code 400
 * whose detail is the parser message.
 */
@Export
@Version("1.0.0")
package micro.api.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
