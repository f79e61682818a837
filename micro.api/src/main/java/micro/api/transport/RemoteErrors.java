package micro.api.transport;

import java.util.LinkedHashMap;
import java.util.Map;

import micro.api.MicroException;

/**
 * An error as it travels, go-micro's {@code {"id","code","detail","status"}} ({@link #fields}), and
 * back into the type the caller's code recognises ({@link #of}): the one place where a wire id means
 * a type, so every transport encodes and decodes alike and no caller compares ids.
 */
public final class RemoteErrors {

    private RemoteErrors() {
    }

    /** The fields of {@code error} as they travel, in go-micro's order, for a JSON writer. */
    public static Map<String, Object> fields(MicroException error) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", error.id());
        fields.put("code", error.code());
        fields.put("detail", error.detail());
        fields.put("status", error.status());
        return fields;
    }

    public static MicroException of(String id, int code, String detail) {
        if (NotServedHereException.ID.equals(id) && code == 503) {
            return new NotServedHereException(detail);
        }
        return new MicroException(id, code, detail);
    }
}
