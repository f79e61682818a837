package micro.edge.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The part of a request body an answer leaves unread (an error found before the body was needed, a
 * body over the limit). Jetty closes such a connection once the answer is sent, but when the answer
 * went out whole it can no longer say so, and a keep-alive client sends its next request down a
 * closing connection and gets no answer at all. So before an answer is committed, what has already
 * arrived is discarded (up to a bound), and if more is still to come the answer says
 * {@code Connection: close}.
 */
final class UnreadBody {

    /** More than this is not worth reading just to keep the connection: a new one is cheaper. */
    private static final long MAX_DISCARDED_BYTES = 64 * 1024;

    private UnreadBody() {
    }

    /** Adds {@code Connection: close} to the answer unless the request body is all read. */
    static void closeIfUnread(Response response) {
        // The response's request is read-only (Jetty wraps it so); the bytes come from the one underneath.
        if (response.isCommitted() || allRead(Request.unWrap(response.getRequest()))) {
            return;
        }
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }

    private static boolean allRead(Request request) {
        if (request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString())) {
            return false; // reading would ask the client for a body only to throw it away
        }
        long discarded = 0;
        while (discarded <= MAX_DISCARDED_BYTES) {
            Content.Chunk chunk = request.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return false; // more is on its way, or the body already failed
            }
            discarded += chunk.remaining();
            boolean last = chunk.isLast();
            chunk.release();
            if (last) {
                return true;
            }
        }
        return false;
    }
}
