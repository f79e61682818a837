package micro.gateway.internal;

import micro.api.MicroException;

/**
 * The client of the gateway did not send its request in time (408). Its own type, because a 408 of
 * the call behind the gateway means the service was slow, which the gateway answers as 504.
 */
final class SlowClientException extends MicroException {

    private static final long serialVersionUID = 1L;

    SlowClientException(String detail) {
        super(GatewayErrors.ID, 408, detail);
    }
}
