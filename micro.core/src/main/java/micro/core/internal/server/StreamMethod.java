package micro.core.internal.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;

import micro.api.MicroException;
import micro.api.codec.Codec;
import micro.api.registry.Endpoint;
import micro.api.server.StreamReceiver;
import micro.api.server.StreamSender;
import micro.api.transport.Message;
import micro.api.transport.Stream;

/**
 * A streaming endpoint: {@code watch(Request, StreamSender<Reply>)} streams replies to one request;
 * {@code chat(StreamReceiver<In>, StreamSender<Out>)} streams both ways, the opening message being the
 * first value received (when it has a body). Registered with endpoint metadata {@code stream=true}.
 */
final class StreamMethod {

    /** How long a bidirectional handler waits for the caller's next message. */
    private static final Duration RECEIVE_TIMEOUT = Duration.ofMinutes(10);

    private final String name;
    private final Object handler;
    private final Method method;
    private final boolean bidirectional;
    private final Type inType;
    private final Type outType;
    private final Endpoint description;

    private StreamMethod(String handlerName, Object handler, Method method) {
        this.name = handlerName + "." + Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
        this.handler = handler;
        this.method = method;
        method.setAccessible(true);
        Type[] parameters = method.getGenericParameterTypes();
        this.bidirectional = raw(parameters[0]) == StreamReceiver.class;
        this.inType = bidirectional ? argument(parameters[0]) : parameters[0];
        this.outType = argument(parameters[1]);
        this.description = new Endpoint(name, Schemas.of(inType), Schemas.of(outType), Map.of("stream", "true"));
    }

    /** A stream endpoint for {@code method}, or null when its parameters are not a stream's. */
    static StreamMethod of(String handlerName, Object handler, Method method) {
        Class<?>[] types = method.getParameterTypes();
        return types.length == 2 && types[1] == StreamSender.class ? new StreamMethod(handlerName, handler, method) : null;
    }

    String name() {
        return name;
    }

    Endpoint description() {
        return description;
    }

    /** Runs the method on the calling thread until it returns; failures become MicroExceptions. */
    void serve(String service, Message opening, Stream stream, Codec codec) {
        StreamSender<Object> sender = value -> stream.send(new Message(Map.of(Message.CONTENT_TYPE, codec.contentType()),
                codec.encode(value)));
        Object first;
        if (bidirectional) {
            boolean[] openingTaken = { opening.body().length == 0 };
            first = (StreamReceiver<Object>) () -> {
                if (!openingTaken[0]) {
                    openingTaken[0] = true;
                    return codec.decode(opening.body(), inType);
                }
                Message next = stream.receive(RECEIVE_TIMEOUT);
                return next == null ? null : codec.decode(next.body(), inType);
            };
        } else {
            first = codec.decode(opening.body(), inType);
        }
        try {
            method.invoke(handler, first, sender);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof MicroException micro ? micro
                    : new MicroException(service, 500, cause.getMessage() != null ? cause.getMessage() : cause.toString(), cause);
        } catch (IllegalAccessException e) {
            throw new MicroException(service, 500, name + " cannot be called: " + e.getMessage(), e);
        }
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
    }

    private static Type argument(Type type) {
        return type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[0] : Object.class;
    }
}
