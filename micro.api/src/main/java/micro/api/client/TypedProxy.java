package micro.api.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The calls behind a typed client: each abstract method of the interface is an endpoint
 * {@code Handler.Method} of the service, its one parameter the request (none: an empty one) and its
 * return type the reply's; a {@code CompletionStage} (or {@code CompletableFuture}) return calls
 * without blocking. Everything is checked when the proxy is made, so a method that cannot be an
 * endpoint fails there, not at its first call.
 */
final class TypedProxy implements InvocationHandler {

    private record Endpoint(String name, Type replyType, boolean async) {
    }

    private final Client client;
    private final String service;
    private final CallOptions options;
    private final Map<Method, Endpoint> endpoints;

    private TypedProxy(Client client, String service, CallOptions options, Map<Method, Endpoint> endpoints) {
        this.client = client;
        this.service = service;
        this.options = options;
        this.endpoints = endpoints;
    }

    static <T> T create(Client client, Class<T> api, String service, CallOptions options) {
        if (!api.isInterface()) {
            throw new IllegalArgumentException(api.getName() + " is not an interface: a typed client is made of one");
        }
        RemoteService named = api.getAnnotation(RemoteService.class);
        String serviceName = service != null && !service.isBlank() ? service : named == null ? null : named.value();
        if (serviceName == null || serviceName.isBlank()) {
            throw new IllegalArgumentException(api.getName() + " names no service: annotate it with @RemoteService(\"NAME\")"
                    + " or pass the name to proxy(" + api.getSimpleName() + ".class, NAME, options)");
        }
        String handler = named != null && !named.handler().isBlank() ? named.handler() : api.getSimpleName();
        Map<Method, Endpoint> endpoints = new HashMap<>();
        for (Method method : api.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            if (method.getParameterCount() > 1) {
                throw new IllegalArgumentException(api.getSimpleName() + "." + method.getName() + " takes "
                        + method.getParameterCount() + " parameters: an endpoint takes one request, or none");
            }
            endpoints.put(method, endpoint(handler, method));
        }
        TypedProxy calls = new TypedProxy(client, serviceName, options == null ? CallOptions.defaults() : options, Map.copyOf(endpoints));
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] { api }, calls));
    }

    private static Endpoint endpoint(String handler, Method method) {
        String name = handler + "." + Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
        Class<?> returned = method.getReturnType();
        boolean async = returned == CompletionStage.class || returned == CompletableFuture.class;
        if (!async) {
            return new Endpoint(name, returned == void.class ? Object.class : method.getGenericReturnType(), false);
        }
        Type generic = method.getGenericReturnType();
        Type reply = generic instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[0] : Object.class;
        return new Endpoint(name, reply, true);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == arguments[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "typed client of " + service;
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, arguments);
        }
        Endpoint endpoint = endpoints.get(method);
        Object request = arguments == null || arguments.length == 0 ? Map.of() : arguments[0];
        if (endpoint.async()) {
            return client.callAsync(service, endpoint.name(), request, endpoint.replyType(), options);
        }
        Object value = client.call(service, endpoint.name(), request, endpoint.replyType(), options);
        return method.getReturnType() == void.class ? null : value;
    }
}
