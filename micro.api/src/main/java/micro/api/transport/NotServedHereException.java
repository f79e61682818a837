package micro.api.transport;

import micro.api.MicroException;

/**
 * The node does not serve that service or endpoint right now (code 503): its handlers are away for a
 * moment (the bundle restarting or updating) or it is draining before a stop. The request did not
 * run, so a caller may try again, on another node or after a short pause within its deadline, at no
 * cost of a retry. It says nothing bad about the node: no blacklist.
 * <p>
 * Across a wire it travels as the id {@value #ID}; a transport turns that back into this type with
 * {@link RemoteErrors#of}, so callers recognise it by type.
 */
public class NotServedHereException extends MicroException {

    private static final long serialVersionUID = 1L;

    /** The error id this failure travels as between nodes. */
    public static final String ID = "micro.server.not-served-here";

    public NotServedHereException(String detail) {
        super(ID, 503, detail);
    }
}
