package micro.codec.protobuf.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;

import micro.api.MicroException;
import micro.api.codec.Codec;

import org.osgi.service.component.annotations.Component;

/**
 * {@code application/protobuf}: the binary wire form of protoc-generated message types. A handler
 * whose endpoint takes and returns generated messages speaks it beside JSON; the request's
 * {@code Content-Type} picks the codec, and the reply comes back in the same. Other types have no
 * protobuf form: a request for one is a 415 that says to send JSON.
 */
@Component(service = Codec.class, property = Codec.CONTENT_TYPE + "=" + ProtobufCodec.CONTENT_TYPE)
public final class ProtobufCodec implements Codec {

    public static final String CONTENT_TYPE = "application/protobuf";

    private static final byte[] EMPTY = new byte[0];

    /** Each generated type's parser, found once: reflection per call would cost more than the parse. */
    private static final ClassValue<Parser<?>> PARSERS = new ClassValue<>() {
        @Override
        protected Parser<?> computeValue(Class<?> type) {
            return parserOf(type);
        }
    };

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] encode(Object value) {
        if (value instanceof MessageLite message) {
            return message.toByteArray();
        }
        if (value instanceof Map<?, ?> map && map.isEmpty()) {
            return EMPTY; // a handler that returns nothing: the empty message
        }
        throw new MicroException("micro.codec.protobuf", 500, "cannot encode " + (value == null ? "null" : value.getClass().getName())
                + " as protobuf: only protoc-generated message types have a protobuf form");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T decode(byte[] body, Type type) {
        Class<?> raw = rawClass(type);
        if (raw == null || !MessageLite.class.isAssignableFrom(raw)) {
            throw new MicroException("micro.codec.protobuf", 415, "this endpoint takes " + type.getTypeName()
                    + ", which is not a protobuf message: send it as application/json");
        }
        try {
            return (T) PARSERS.get(raw).parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw MicroException.badRequest("micro.codec.protobuf", "malformed " + raw.getSimpleName() + " in protobuf: "
                    + e.getMessage());
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
    }

    /** Generated classes have a static {@code parser()}; older generated code only the default instance. */
    private static Parser<?> parserOf(Class<?> type) {
        try {
            Method parser = type.getMethod("parser");
            if (Modifier.isStatic(parser.getModifiers())) {
                return (Parser<?>) parser.invoke(null);
            }
        } catch (NoSuchMethodException e) {
            // fall back to the default instance below
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot get the parser of " + type.getName(), e);
        }
        try {
            MessageLite defaults = (MessageLite) type.getMethod("getDefaultInstance").invoke(null);
            return defaults.getParserForType();
        } catch (ReflectiveOperationException e) {
            throw new MicroException("micro.codec.protobuf", 500, type.getName()
                    + " is not a generated protobuf message (it has neither parser() nor getDefaultInstance())", e);
        }
    }
}
