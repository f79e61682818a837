package micro.example.greeter;

import java.util.Map;

import micro.api.gateway.ApiRequest;
import micro.api.gateway.ApiResponse;
import micro.api.gateway.Pair;
import micro.api.server.MicroHandler;
import micro.api.server.MicroService;

import org.osgi.service.component.annotations.Component;

/**
 * {@code Http.Hello} of {@code micro.api.greeter}, for the gateway's {@code api} handler: it sees the
 * whole HTTP request and chooses status, headers and body. Route {@code /greeter/http/} to the api
 * handler to reach it: {@code GET /greeter/http/hello?name=John}.
 */
@Component(service = GreeterHttpApi.class)
@MicroService("micro.api.greeter")
@MicroHandler("Http")
public final class GreeterHttpApi {

    private static final Map<String, Pair> JSON = Map.of("Content-Type", new Pair("Content-Type",
            java.util.List.of("application/json")));

    public ApiResponse hello(ApiRequest request) {
        Pair name = request.get().get("name");
        if (name == null || name.value() == null || name.value().isBlank()) {
            return new ApiResponse(400, JSON, "{\"error\":\"name is required, e.g. ?name=John\"}");
        }
        return new ApiResponse(200, JSON, "{\"msg\":\"Hello " + name.value().replace("\"", "") + "\"}");
    }
}
