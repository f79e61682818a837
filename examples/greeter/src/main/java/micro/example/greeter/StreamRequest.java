package micro.example.greeter;

/** Request of {@code Say.Stream}: whom to greet and how many times (3 when absent). */
public record StreamRequest(String name, int count) {
}
