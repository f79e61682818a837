package micro.core.internal.server;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import micro.api.registry.Value;

/**
 * Describes Java request and response types as registry {@link Value}s, with go-micro's type names
 * ({@code string}, {@code int64}, {@code []T}, {@code map[string]T}) so tools show familiar schemas.
 */
final class Schemas {

    private static final int MAX_DEPTH = 4;

    private Schemas() {
    }

    /** The schema of {@code type}, named after its simple name; null for no value. */
    static Value of(Type type) {
        Class<?> raw = raw(unwrapAsync(type));
        if (raw == void.class || raw == Void.class) {
            return null;
        }
        return value(raw.getSimpleName(), unwrapAsync(type), 0);
    }

    private static Value value(String name, Type type, int depth) {
        Class<?> raw = raw(type);
        String scalar = scalarName(raw);
        if (scalar != null) {
            return Value.of(name, scalar);
        }
        if (raw.isArray()) {
            Value element = value(name, raw.getComponentType(), depth);
            return new Value(name, "[]" + element.type(), element.values());
        }
        if (Collection.class.isAssignableFrom(raw) || Optional.class.isAssignableFrom(raw)) {
            Value element = value(name, argument(type, 0), depth);
            String prefix = Optional.class.isAssignableFrom(raw) ? "" : "[]";
            return new Value(name, prefix + element.type(), element.values());
        }
        if (Map.class.isAssignableFrom(raw)) {
            Value element = value(name, argument(type, 1), depth);
            return new Value(name, "map[string]" + element.type(), element.values());
        }
        if (raw == Object.class || raw.isInterface() || depth >= MAX_DEPTH) {
            return Value.of(name, raw == Object.class ? "any" : raw.getSimpleName());
        }
        return new Value(name, raw.getSimpleName(), fields(raw, depth + 1));
    }

    private static List<Value> fields(Class<?> type, int depth) {
        List<Value> values = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                values.add(value(component.getName(), component.getGenericType(), depth));
            }
            return values;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
                    values.add(value(field.getName(), field.getGenericType(), depth));
                }
            }
        }
        return values;
    }

    private static String scalarName(Class<?> raw) {
        if (raw == String.class || raw == char.class || raw == Character.class || raw.isEnum()) {
            return "string";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "bool";
        }
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class) {
            return "int32";
        }
        if (raw == long.class || raw == Long.class) {
            return "int64";
        }
        if (raw == byte.class || raw == Byte.class) {
            return "byte";
        }
        if (raw == double.class || raw == Double.class || Number.class.isAssignableFrom(raw)) {
            return "double";
        }
        if (raw == float.class || raw == Float.class) {
            return "float";
        }
        return null;
    }

    private static Type unwrapAsync(Type type) {
        return CompletionStage.class.isAssignableFrom(raw(type)) ? argument(type, 0) : type;
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index) {
            return parameterized.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }
}
