package micro.core.internal.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Component configurations for tests: the Metatype defaults, with some attributes overridden. */
public final class Configs {

    private Configs() {
    }

    @SuppressWarnings("unchecked")
    public static <A> A of(Class<A> type, Map<String, Object> overrides) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            throw new IllegalStateException("no value for " + method.getName());
        });
    }
}
