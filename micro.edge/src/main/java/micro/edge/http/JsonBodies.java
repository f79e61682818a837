package micro.edge.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import micro.api.MicroException;

import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;

/** JSON an edge makes from what HTTP clients send: bodies checked, parameters turned into objects; mistakes are 400s of the edge. */
public final class JsonBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] EMPTY_OBJECT = { '{', '}' };

    private final EdgeErrors errors;

    public JsonBodies(EdgeErrors errors) {
        this.errors = errors;
    }

    /**
     * A JSON body, checked; an empty body is an empty object.
     *
     * @throws MicroException 400 with the parser's message
     */
    public byte[] checked(byte[] body) {
        if (isBlank(body)) {
            return EMPTY_OBJECT;
        }
        // Read token by token: the syntax is checked without building a tree that is thrown away.
        try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
            while (parser.nextToken() != null) {
                // each token read is a token checked
            }
            return body;
        } catch (JsonProcessingException e) {
            throw errors.badRequest("malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw errors.badRequest("unreadable JSON: " + e.getMessage());
        }
    }

    /** A JSON object of query or form parameters, one string per name (the first, as go-micro does). */
    public byte[] parameters(String encoded) {
        Fields fields = decoded(encoded);
        Map<String, String> object = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            object.put(field.getName(), field.getValue());
        }
        return write(object);
    }

    public Map<String, List<String>> multi(String encoded) {
        Fields fields = decoded(encoded);
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            values.put(field.getName(), field.getValues());
        }
        return values;
    }

    /** Query or form fields; a bad escape such as {@code %zz} is the client's mistake: 400. */
    private Fields decoded(String encoded) {
        Fields fields = new Fields();
        if (encoded != null && !encoded.isEmpty()) {
            try {
                UrlEncoded.decodeUtf8To(encoded, fields);
            } catch (IllegalArgumentException e) {
                throw errors.badRequest("malformed query or form: " + e.getMessage());
            }
        }
        return fields;
    }

    public JsonNode tree(byte[] body) {
        try {
            return MAPPER.readTree(checked(body));
        } catch (IOException e) {
            throw errors.badRequest("malformed JSON: " + e.getMessage());
        }
    }

    public byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw errors.error(500, "cannot write JSON: " + e.getOriginalMessage());
        }
    }

    public static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
