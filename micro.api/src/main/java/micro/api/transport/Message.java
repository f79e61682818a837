package micro.api.transport;

import java.util.Map;

/**
 * A request or reply: headers and an encoded body. Header names are compared case-insensitively by
 * {@link #header(String)}; the body array is shared, never copied, and must not be changed.
 */
public record Message(Map<String, String> headers, byte[] body) {

    public static final String SERVICE = "Micro-Service";
    public static final String ENDPOINT = "Micro-Endpoint";
    public static final String ID = "Micro-Id";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String ERROR = "Micro-Error";

    private static final byte[] EMPTY = new byte[0];

    public Message {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? EMPTY : body;
    }

    public String header(String name) {
        String exact = headers.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
