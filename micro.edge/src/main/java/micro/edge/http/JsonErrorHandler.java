package micro.edge.http;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before a request reaches the edge's handlers (a garbage request
 * line, a line or header block too long, an unknown HTTP version, an ambiguous path), as the edge's
 * JSON error instead of Jetty's HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private final EdgeErrors errors;

    public JsonErrorHandler(EdgeErrors errors) {
        this.errors = errors;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        Object message = request.getAttribute(ERROR_MESSAGE);
        return errors.write(response, callback, status, detail(status, message));
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(errors.json(status, detail(status, reason)));
    }

    private static String detail(int status, Object message) {
        return "bad request: " + (message == null ? HttpStatus.getMessage(status) : message.toString());
    }
}
