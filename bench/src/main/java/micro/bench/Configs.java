package micro.bench;

import java.lang.reflect.Proxy;
import java.util.Map;

/** DS configuration annotations outside a framework: each method answers its override or its default. */
public final class Configs {

    private Configs() {
    }

    public static <A> A of(Class<A> type, Map<String, Object> overrides) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            String key = method.getName();
            if (overrides.containsKey(key)) {
                return overrides.get(key);
            }
            Object value = method.getDefaultValue();
            if (value != null) {
                return value;
            }
            return switch (key) {
                case "annotationType" -> type;
                case "toString" -> type.getSimpleName() + overrides;
                case "hashCode" -> System.identityHashCode(self);
                case "equals" -> self == args[0];
                default -> throw new IllegalArgumentException(type.getName() + "." + key + " has no default");
            };
        });
        return type.cast(proxy);
    }
}
