package micro.example.greeter;

import micro.api.client.RemoteService;

/** The typed client of {@code micro.srv.greeter}: {@code hello} calls its {@code Say.Hello}. */
@RemoteService(value = "micro.srv.greeter", handler = "Say")
public interface Greeter {

    HelloResponse hello(HelloRequest request);
}
