package micro.transport.http.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Collects a reply body into one array sized by its Content-Length, up to a limit. Jetty's
 * BufferingResponseListener grows a pooled buffer of its own and copies it out at the end: for a 1 KB
 * reply that was about 13 KB of garbage per call, most of the client's allocation.
 */
abstract class ReplyCollector implements Response.Listener {

    private static final byte[] EMPTY = new byte[0];

    private final int maxBytes;
    private byte[] body = EMPTY;
    private int size;
    private boolean tooLarge;

    ReplyCollector(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void onHeaders(Response response) {
        long length = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (length > maxBytes) {
            refuse(response);
        } else if (length > 0) {
            body = new byte[(int) length];
        }
    }

    @Override
    public void onContent(Response response, ByteBuffer content) {
        int length = content.remaining();
        if (tooLarge) {
            return;
        }
        if (size + length > maxBytes) {
            refuse(response);
            return;
        }
        if (size + length > body.length) {
            body = Arrays.copyOf(body, Math.max(size + length, Math.min(maxBytes, Math.max(1024, body.length * 2))));
        }
        content.get(body, size, length);
        size += length;
    }

    private void refuse(Response response) {
        tooLarge = true;
        response.abort(new IllegalArgumentException("reply body exceeds " + maxBytes + " bytes"));
    }

    /** The body received so far: all of it once the reply is complete. */
    byte[] content() {
        return size == body.length ? body : Arrays.copyOf(body, size);
    }
}
