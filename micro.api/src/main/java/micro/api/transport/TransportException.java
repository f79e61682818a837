package micro.api.transport;

import micro.api.MicroException;

/** The node at an address could not be reached or answered garbage (code 502); safe to retry elsewhere. */
public class TransportException extends MicroException {

    private static final long serialVersionUID = 1L;

    private final String address;

    public TransportException(String address, String reason, Throwable cause) {
        super("micro.transport", 502, "cannot reach " + address + ": " + reason, cause);
        this.address = address;
    }

    public String address() {
        return address;
    }
}
