package micro.shell.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/** JSON for humans: requests typed on a command line are checked, replies are indented with tabs. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("\t", "\n"))
            .withArrayIndenter(new DefaultIndenter("\t", "\n")));

    private Json() {
    }

    /**
     * The bytes of a JSON request typed by a user.
     *
     * @throws CommandMisuse with the parser's message when it is not JSON
     */
    static byte[] request(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json == null || json.isBlank() ? "{}" : json);
            return MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException parse ? parse.getOriginalMessage()
                    : e.getMessage();
            throw new CommandMisuse("the request is not valid JSON: " + message + "\n  e.g. '{\"name\":\"John\"}'");
        }
    }

    /** A value of {@code type} read from JSON. */
    static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException parse ? parse.getOriginalMessage()
                    : e.getMessage();
            throw new CommandMisuse(message, e);
        }
    }

    /** A reply as a JSON tree for {@code --json}; a body that is not JSON becomes a JSON string of its text. */
    static JsonNode tree(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return MAPPER.getNodeFactory().textNode(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A reply indented for reading; text that is not JSON is returned as it is. */
    static String pretty(byte[] body) {
        try {
            return PRETTY.writeValueAsString(MAPPER.readTree(body));
        } catch (IOException e) {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
