package micro.edge.http;

import java.nio.ByteBuffer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import micro.api.MicroException;
import micro.api.transport.TransportException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Every error of an HTTP edge as JSON {@code {"id","code","detail","status"}}, with the HTTP status a
 * client of a gateway expects: an upstream timeout is 504, an unreachable node 502. One per edge: its
 * own errors carry the edge's id ({@code micro.gateway}, {@code micro.sidecar}, ...).
 */
public final class EdgeErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String id;

    public EdgeErrors(String id) {
        this.id = id;
    }

    /** The id of the edge's own errors. */
    public String id() {
        return id;
    }

    /** The status an edge answers for an error, its own or one of the call behind it. */
    public static int status(MicroException error) {
        if (error instanceof TransportException) {
            return 502;
        }
        if (error instanceof SlowClientException) {
            return 408;
        }
        int code = error.code();
        if (code == 408) {
            return 504; // the service behind did not answer in time, whoever timed out on the way
        }
        return code >= 400 && code <= 599 ? code : 500;
    }

    /** An error of this edge. */
    public MicroException error(int status, String detail) {
        return new MicroException(id, status, detail);
    }

    public MicroException badRequest(String detail) {
        return error(400, detail);
    }

    public boolean write(Response response, Callback callback, MicroException error) {
        int status = status(error);
        byte[] bytes = json(error.id(), status, error.detail());
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        UnreadBody.closeIfUnread(response);
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    public boolean write(Response response, Callback callback, int status, String detail) {
        return write(response, callback, error(status, detail));
    }

    /** The JSON body of an error of this edge with {@code status}. */
    public byte[] json(int status, String detail) {
        return json(id, status, detail);
    }

    private static byte[] json(String id, int status, String detail) {
        try {
            return MAPPER.writeValueAsBytes(micro.api.transport.RemoteErrors.fields(new MicroException(id, status, detail)));
        } catch (JsonProcessingException e) {
            return ("{\"code\":" + status + "}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }
}
