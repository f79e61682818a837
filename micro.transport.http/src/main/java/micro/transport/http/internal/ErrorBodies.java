package micro.transport.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import micro.api.MicroException;
import micro.api.transport.RemoteErrors;

/** The wire form of a {@link MicroException}: JSON {@code {"id","code","detail","status"}}. */
final class ErrorBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ErrorBodies() {
    }

    static byte[] write(MicroException error) {
        try {
            return MAPPER.writeValueAsBytes(RemoteErrors.fields(error));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The error a node replied with status {@code status}; a body that is not ours is kept as detail. */
    static MicroException read(int status, byte[] body) {
        try {
            JsonNode json = MAPPER.readTree(body);
            if (json != null && json.has("code") && json.has("detail")) {
                return RemoteErrors.of(json.path("id").asText(), json.path("code").asInt(status), json.path("detail").asText());
            }
        } catch (IOException e) {
            // not JSON: fall through and keep the text
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return new MicroException("micro.transport.http", status, text.length() > 512 ? text.substring(0, 512) : text);
    }
}
