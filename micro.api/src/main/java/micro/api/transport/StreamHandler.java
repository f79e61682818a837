package micro.api.transport;

/**
 * Serves streams that reach a listener: called on a thread of its own with the opening message; the
 * stream is closed when it returns, failed when it throws.
 */
@FunctionalInterface
public interface StreamHandler {

    void serve(Message request, Stream stream);
}
