package micro.bench.unary;

/** The JSON request of the greeter's {@code Say.Hello}. */
public record Hello(String name) {
}
