package micro.api.codec;

import java.lang.reflect.Type;

import org.osgi.annotation.versioning.ConsumerType;

/** Turns values into bodies of one content type and back. */
@ConsumerType
public interface Codec {

    /** Service property holding {@link #contentType()}. */
    String CONTENT_TYPE = "micro.codec.content.type";

    /** The media type this codec reads and writes, e.g. {@code application/json}. */
    String contentType();

    /**
     * The body for {@code value}.
     *
     * @throws micro.api.MicroException code 500 when the value cannot be encoded
     */
    byte[] encode(Object value);

    /**
     * The value of {@code type} held by {@code body}; an empty body decodes to an empty object.
     *
     * @throws micro.api.MicroException code 400 with the parser's message when the body is malformed
     */
    <T> T decode(byte[] body, Type type);
}
