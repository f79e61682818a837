package micro.example.greeter;

import micro.api.MicroException;
import micro.api.server.MicroHandler;
import micro.api.server.MicroService;
import micro.api.server.StreamSender;

import org.osgi.service.component.annotations.Component;

/**
 * {@code micro.srv.greeter}: a DS component that the server whiteboard turns into {@code Say.Hello}
 * and the streaming {@code Say.Stream}.
 */
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

    /** {@code Say.Stream}: streams {@code count} greetings, numbered. */
    public void stream(StreamRequest request, StreamSender<HelloResponse> out) {
        int count = request.count() == 0 ? 3 : request.count();
        if (count < 0 || count > 100_000) {
            throw MicroException.badRequest("micro.srv.greeter", "count must be between 1 and 100000, was " + count);
        }
        String name = request.name() == null || request.name().isBlank() ? "stranger" : request.name();
        for (int i = 1; i <= count; i++) {
            out.send(new HelloResponse("Hello " + name + " " + i));
        }
    }
}
