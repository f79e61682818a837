package micro.example.greeter;

/** Reply of {@code Say.Hello}. */
public record HelloResponse(String msg) {
}
