package micro.bench;

/** The request every unary peer answers: a greeting of a 1 KB name, so about 1 KB of JSON each way. */
public final class Payload {

    public static final String NAME = "n".repeat(1000);

    private Payload() {
    }

    public static String greeting(String name) {
        return "Hello " + name;
    }
}
