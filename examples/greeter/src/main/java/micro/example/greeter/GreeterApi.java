package micro.example.greeter;

import micro.api.server.MicroHandler;
import micro.api.server.MicroService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code micro.api.greeter}: the public face of the greeter, calling {@code micro.srv.greeter}
 * through its typed client, which micro's core registers as an OSGi service ({@link Greeter}).
 */
@Component(service = GreeterApi.class)
@MicroService("micro.api.greeter")
@MicroHandler("Say")
public final class GreeterApi {

    private final Greeter greeter;

    @Activate
    public GreeterApi(@Reference(target = "(service.imported=true)") Greeter greeter) {
        this.greeter = greeter;
    }

    public HelloResponse hello(HelloRequest request) {
        return greeter.hello(request);
    }
}
