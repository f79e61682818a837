package micro.api.transport;

import micro.api.MicroException;

/**
 * The node at an address did not answer within the time given (code 408). It says something about
 * the node (it is slow or stuck), so the selector leaves it out for a while; recognised by type, never
 * by id, so that no rename can turn that off.
 */
public class NodeTimeoutException extends MicroException {

    private static final long serialVersionUID = 1L;

    private final String address;

    public NodeTimeoutException(String address, String detail) {
        super("micro.transport", 408, detail);
        this.address = address;
    }

    public String address() {
        return address;
    }
}
