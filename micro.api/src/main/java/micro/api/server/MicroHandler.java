package micro.api.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Names the handler part of the endpoints: {@code @MicroHandler("Say")} turns method {@code hello}
 * into endpoint {@code Say.Hello}. Sets the service property {@value ServerProperties#HANDLER}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MicroHandler {

    String value();
}
