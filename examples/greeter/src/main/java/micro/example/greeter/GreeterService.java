package micro.example.greeter;

import micro.api.MicroException;
import micro.api.server.MicroHandler;
import micro.api.server.MicroService;

import org.osgi.service.component.annotations.Component;

/** {@code micro.srv.greeter}: a DS component that the server whiteboard turns into {@code Say.Hello}. */
@Component(service = GreeterService.class)
@MicroService("micro.srv.greeter")
@MicroHandler("Say")
public final class GreeterService {

    public HelloResponse hello(HelloRequest request) {
        if (request.name() == null || request.name().isBlank()) {
            throw MicroException.badRequest("micro.srv.greeter", "name is required, e.g. {\"name\":\"John\"}");
        }
        return new HelloResponse("Hello " + request.name());
    }
}
