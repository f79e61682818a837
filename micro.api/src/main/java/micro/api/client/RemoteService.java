package micro.api.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Capability;

/**
 * Names the service an interface calls through {@link Client#proxy(Class)}:
 * {@code @RemoteService(value = "micro.srv.greeter", handler = "Say")} turns method {@code hello}
 * into a call of endpoint {@code Say.Hello} of {@code micro.srv.greeter}, as the server names the
 * endpoints of a {@code @MicroHandler("Say")}.
 *
 * <p>The bundle holding the interface declares it (bnd writes a {@value #NAMESPACE} capability), and
 * micro's core registers a typed client of it as an OSGi service of that interface, with
 * {@code service.imported=true} as Remote Services mark imports: a DS component takes it with
 * {@code @Reference Greeter greeter}, as it would take an Aries RSA import.
 */
@Documented
@Capability(namespace = RemoteService.NAMESPACE, name = "${@class}")
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RemoteService {

    /** The capability namespace naming the bundle's remote service interfaces, one capability each. */
    String NAMESPACE = "micro.remote.service";

    /** The service's name. */
    String value();

    /** The handler part of the endpoints; empty: the interface's simple name. */
    String handler() default "";
}
