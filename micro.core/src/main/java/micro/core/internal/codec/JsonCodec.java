package micro.core.internal.codec;

import java.io.IOException;
import java.lang.reflect.Type;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import micro.api.MicroException;
import micro.api.codec.Codec;

import org.osgi.service.component.annotations.Component;

/**
 * {@code application/json} on Jackson. Unknown fields are ignored, as Go's encoding/json does, so
 * services can add fields without breaking older callers.
 */
@Component(service = Codec.class, property = Codec.CONTENT_TYPE + "=" + JsonCodec.CONTENT_TYPE)
public final class JsonCodec implements Codec {

    public static final String CONTENT_TYPE = "application/json";

    private static final byte[] EMPTY_OBJECT = { '{', '}' };

    private final ObjectMapper mapper = strict(new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));

    /**
     * A number or boolean where a string is declared is a caller's mistake (Go's encoding/json refuses
     * it too), not something to turn into "5" silently.
     */
    private static ObjectMapper strict(ObjectMapper mapper) {
        for (CoercionInputShape shape : new CoercionInputShape[] { CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean }) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] encode(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new MicroException("micro.codec.json", 500, "cannot encode " + value.getClass().getName()
                    + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T decode(byte[] body, Type type) {
        JavaType target = mapper.getTypeFactory().constructType(type);
        byte[] json = isBlank(body) ? EMPTY_OBJECT : body;
        T value;
        try {
            value = mapper.readValue(json, target);
        } catch (JsonProcessingException e) {
            throw MicroException.badRequest("micro.codec.json", "malformed JSON: " + describe(e));
        } catch (IOException e) {
            throw MicroException.badRequest("micro.codec.json", "unreadable JSON: " + e.getMessage());
        }
        if (value == null && target.getRawClass() != Object.class && target.getRawClass() != Void.class) {
            throw MicroException.badRequest("micro.codec.json", "expected " + target.getRawClass().getSimpleName()
                    + " as JSON, got null");
        }
        return value;
    }

    /** The parser's message with where it stopped, without Jackson's echo of the whole source. */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (e.getLocation() != null) {
            message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return message;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
