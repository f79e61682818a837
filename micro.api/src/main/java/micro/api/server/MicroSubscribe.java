package micro.api.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Subscribes a DS component to a topic: {@code @MicroSubscribe("micro.topic.greeted")} sets the
 * service property {@value ServerProperties#SUBSCRIBE}. Each public method with one parameter
 * receives the messages, decoded into its parameter type.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MicroSubscribe {

    String value();
}
