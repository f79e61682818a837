package micro.api.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the service an interface calls through {@link Client#proxy(Class)}:
 * {@code @RemoteService(value = "micro.srv.greeter", handler = "Say")} turns method {@code hello}
 * into a call of endpoint {@code Say.Hello} of {@code micro.srv.greeter}, as the server names the
 * endpoints of a {@code @MicroHandler("Say")}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RemoteService {

    /** The service's name. */
    String value();

    /** The handler part of the endpoints; empty: the interface's simple name. */
    String handler() default "";
}
