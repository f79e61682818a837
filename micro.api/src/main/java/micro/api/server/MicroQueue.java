package micro.api.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Puts a subscriber in a queue group: {@code @MicroQueue("greeters")} sets the service property
 * {@value ServerProperties#QUEUE}; each message goes to one member of the group.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MicroQueue {

    String value();
}
