package micro.edge.http;

import micro.api.MicroException;

/**
 * The client of an edge did not send its request in time (408). Its own type, because a 408 of the
 * call behind the edge means the service was slow, which the edge answers as 504.
 */
public final class SlowClientException extends MicroException {

    private static final long serialVersionUID = 1L;

    public SlowClientException(String id, String detail) {
        super(id, 408, detail);
    }
}
