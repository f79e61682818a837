package micro.transport.http.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import micro.api.MicroException;
import micro.api.transport.Message;

/**
 * The bytes of a call's request line and headers, {@code POST / HTTP/1.1} with {@code Host},
 * {@code Content-Type}, {@code Content-Length} and the message's own headers, written straight from
 * the message. Headers that frame the connection or the body are ours to write, never the message's:
 * a {@code Transfer-Encoding} or {@code Connection} riding along in metadata would desynchronize the
 * connection for every call after it. A name that is not an HTTP token or a value with a line break
 * would do the same (header injection), so such a message is refused before anything is sent.
 */
final class RequestHead {

    private static final Set<String> FRAMING = caseInsensitive("Host", "Content-Type", "Content-Length", "Transfer-Encoding",
            "Connection", "Keep-Alive", "Upgrade", "Expect", "TE", "Trailer", "Proxy-Connection");

    private byte[] bytes = new byte[512];
    private int size;

    private RequestHead() {
    }

    /** The head of {@code message}'s call to {@code address}; a body of {@code bodyLength} bytes follows it. */
    static byte[] of(String address, Message message, String contentType, int bodyLength) {
        RequestHead head = new RequestHead();
        head.ascii("POST / HTTP/1.1\r\nHost: ").value("Host", address)
                .ascii("\r\nContent-Type: ").value(Message.CONTENT_TYPE, contentType)
                .ascii("\r\nContent-Length: ").ascii(Integer.toString(bodyLength)).ascii("\r\n");
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            String name = header.getKey();
            if (!FRAMING.contains(name)) {
                head.name(name).ascii(": ").value(name, header.getValue()).ascii("\r\n");
            }
        }
        return head.ascii("\r\n").toBytes();
    }

    private RequestHead ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    private RequestHead name(String name) {
        if (name.isEmpty()) {
            throw MicroException.badRequest("micro.transport.http", "a header name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw MicroException.badRequest("micro.transport.http", "header name '" + name + "' is not an HTTP token");
            }
        }
        return ascii(name);
    }

    /** A header value as Jetty writes one: Latin-1, other characters as '?'; CR, LF and NUL refused. */
    private RequestHead value(String name, String value) {
        ensure(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw MicroException.badRequest("micro.transport.http", "header " + name + " has a line break or NUL in its value");
            }
            bytes[size++] = c > 0xFF ? (byte) '?' : (byte) c;
        }
        return this;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    private byte[] toBytes() {
        return Arrays.copyOf(bytes, size);
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(Arrays.asList(names));
        return set;
    }
}
