package micro.api.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Serves a DS component as the named micro service: {@code @MicroService("micro.srv.greeter")} sets
 * the service property {@value ServerProperties#SERVICE}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MicroService {

    String value();
}
