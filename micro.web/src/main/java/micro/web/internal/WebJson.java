package micro.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON of the dashboard's own answers (the registry's model serializes as go-micro's JSON). */
final class WebJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebJson() {
    }

    static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
