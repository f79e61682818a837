package ${package}.internal;

import micro.api.MicroException;
import micro.api.server.MicroHandler;
import micro.api.server.MicroService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code ${serviceName}}: micro's server serves this DS component on its transport and registers it
 * in the registry in use. Each public method with one parameter is an endpoint named after the
 * handler and the method: {@code say} answers {@code Hello.Say}. Requests and replies are records,
 * encoded by the codec of the call (JSON unless the caller asks for another).
 */
@Component(service = HelloService.class, configurationPid = "${serviceName}")
@Designate(ocd = HelloService.Config.class)
@MicroService("${serviceName}")
@MicroHandler("Hello")
public final class HelloService {

    /** The PID {@code ${serviceName}}: {@code config:property-set -p ${serviceName} greeting Hi} in Karaf. */
    @ObjectClassDefinition(name = "${serviceName}", description = "How the ${serviceName} service greets.")
    public @interface Config {
        @AttributeDefinition(name = "Greeting", description = "The word before the name in each reply.")
        String greeting() default "Hello";
    }

    private volatile String greeting;

    @Activate
    public HelloService(Config config) {
        this(config.greeting());
    }

    HelloService(String greeting) {
        this.greeting = checked(greeting);
    }

    /** A new configuration takes effect at the next call: no restart, no gap in serving. */
    @Modified
    void modified(Config config) {
        greeting = checked(config.greeting());
    }

    /** {@code Hello.Say}: {"name": "Alice"} answers {"msg": "Hello Alice"}. */
    public HelloReply say(HelloRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            // A 400 reaches the caller as such, through the gateway and the shell alike.
            throw MicroException.badRequest("${serviceName}", "name is required, e.g. {\"name\":\"Alice\"}");
        }
        return new HelloReply(greeting + " " + request.name());
    }

    private static String checked(String greeting) {
        if (greeting == null || greeting.isBlank()) {
            throw new IllegalArgumentException("greeting must not be blank");
        }
        return greeting.strip();
    }
}
