package micro.bench.unary;

/** The JSON reply of the greeter's {@code Say.Hello}. */
public record Greeting(String msg) {
}
