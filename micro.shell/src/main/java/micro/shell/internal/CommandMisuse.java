package micro.shell.internal;

/**
 * A command called the wrong way (a missing argument, a file that cannot be read, text that is not
 * JSON): the message says how to call it. A type of its own, so that the command endpoint tells it
 * from other failures without reading messages.
 */
final class CommandMisuse extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    CommandMisuse(String message) {
        super(message);
    }

    CommandMisuse(String message, Throwable cause) {
        super(message, cause);
    }
}
