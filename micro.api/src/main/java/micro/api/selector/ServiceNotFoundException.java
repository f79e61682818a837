package micro.api.selector;

import micro.api.MicroException;

/** The registry knows no service of that name (code 404). */
public class ServiceNotFoundException extends MicroException {

    private static final long serialVersionUID = 1L;

    private final String service;

    public ServiceNotFoundException(String service) {
        super("micro.selector", 404, "service " + service + " not found");
        this.service = service;
    }

    public String service() {
        return service;
    }
}
