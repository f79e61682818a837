package micro.api.wrapper;

import micro.api.MicroException;

/**
 * A call wrapper refused the call before it was sent (an open circuit breaker): trying it again at
 * once would only be refused again, so the client does not retry it, whatever its retry policy.
 */
public class CallRefusedException extends MicroException {

    private static final long serialVersionUID = 1L;

    /** @param id the wrapper's error id, e.g. {@code micro.wrapper.breaker} */
    public CallRefusedException(String id, int code, String detail) {
        super(id, code, detail);
    }
}
