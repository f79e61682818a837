package micro.gateway.internal;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import micro.api.MicroException;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body whole, up to a limit: larger bodies are 413, a client that stops sending is
 * 408 once the connection's idle timeout passes. Blocking; the handlers that use it are blocking.
 */
final class BodyReader {

    private final int maxBytes;

    BodyReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    byte[] read(Request request) {
        if (request.getLength() > maxBytes) {
            throw tooLarge();
        }
        byte[] body;
        try {
            body = Content.Source.asInputStream(request).readNBytes(maxBytes + 1);
        } catch (IOException e) {
            if (causedByTimeout(e)) {
                throw new MicroException(GatewayErrors.ID, 408, "the request body did not arrive in time");
            }
            throw MicroException.badRequest(GatewayErrors.ID, "cannot read the request body: " + e.getMessage());
        }
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        return body;
    }

    private MicroException tooLarge() {
        return new MicroException(GatewayErrors.ID, 413, "request body exceeds the limit of " + maxBytes + " bytes");
    }

    private static boolean causedByTimeout(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
