package micro.api.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Capability;
import org.osgi.annotation.bundle.Requirement;

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
 *
 * <p>So that resolvers (Karaf's features, bnd's) know it: the bundle declares the interface as a
 * service it provides ({@code osgi.service}; micro's core registers it on its behalf) and requires
 * the extender that does ({@code osgi.extender=micro.remote.service}).
 */
@Documented
@Capability(namespace = RemoteService.NAMESPACE, name = "${@class}")
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"${@class}\"")
@Requirement(namespace = "osgi.extender", name = RemoteService.NAMESPACE, version = "1.0")
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
