package micro.api.selector;

import micro.api.MicroException;

/** The service is known but none of its nodes can be tried now (code 503). */
public class NoneAvailableException extends MicroException {

    private static final long serialVersionUID = 1L;

    private final String service;

    public NoneAvailableException(String service) {
        super("micro.selector", 503, "no node of service " + service + " is available");
        this.service = service;
    }

    /** @param detail what left no node, e.g. "no node of service S has version 2.0" */
    public NoneAvailableException(String service, String detail) {
        super("micro.selector", 503, detail);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
