package micro.core.internal.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import micro.api.MicroException;
import micro.api.registry.Endpoint;

/** One endpoint: a public method of a handler object with at most one parameter, the request. */
final class EndpointMethod {

    private final String name;
    private final Object handler;
    private final Method method;
    private final Type requestType;
    private final Endpoint description;

    EndpointMethod(String handlerName, Object handler, Method method) {
        this.name = handlerName + "." + Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
        this.handler = handler;
        this.method = method;
        // Handler classes need not be public: DS components often are package private.
        method.setAccessible(true);
        this.requestType = method.getParameterCount() == 1 ? method.getGenericParameterTypes()[0] : null;
        this.description = new Endpoint(name, requestType == null ? null : Schemas.of(requestType),
                Schemas.of(method.getGenericReturnType()), Map.of("stream", "false"));
    }

    String name() {
        return name;
    }

    /** The type to decode the request body into, or null when the method takes no request. */
    Type requestType() {
        return requestType;
    }

    Endpoint description() {
        return description;
    }

    /**
     * Calls the method; blocks until an asynchronous result completes.
     *
     * @throws MicroException as thrown by the method, or code 500 with the message of anything else
     */
    Object invoke(String service, Object request) {
        try {
            Object result = requestType == null ? method.invoke(handler) : method.invoke(handler, request);
            if (result instanceof CompletionStage<?> stage) {
                return stage.toCompletableFuture().get();
            }
            return result;
        } catch (InvocationTargetException e) {
            throw failure(service, e.getCause());
        } catch (ExecutionException e) {
            throw failure(service, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MicroException(service, 503, name + " was interrupted");
        } catch (IllegalAccessException e) {
            throw new MicroException(service, 500, name + " cannot be called: " + e.getMessage(), e);
        }
    }

    private MicroException failure(String service, Throwable cause) {
        if (cause instanceof MicroException micro) {
            return micro;
        }
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
        return new MicroException(service, 500, message, cause);
    }
}
