package ${package}.internal;

/** The reply of {@code Hello.Say}. */
public record HelloReply(String msg) {
}
