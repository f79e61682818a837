package ${package}.internal;

/** The request of {@code Hello.Say}. */
public record HelloRequest(String name) {
}
