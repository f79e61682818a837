package micro.example.greeter;

/** Request of {@code Say.Hello}. */
public record HelloRequest(String name) {
}
