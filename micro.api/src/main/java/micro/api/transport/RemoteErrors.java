package micro.api.transport;

import micro.api.MicroException;

/**
 * Turns an error a node replied with (id, code, detail, as they travel) back into the type the
 * caller's code recognises: the one place where a wire id means a type, so every transport decodes
 * alike and no caller compares ids.
 */
public final class RemoteErrors {

    private RemoteErrors() {
    }

    public static MicroException of(String id, int code, String detail) {
        if (NotServedHereException.ID.equals(id) && code == 503) {
            return new NotServedHereException(detail);
        }
        return new MicroException(id, code, detail);
    }
}
