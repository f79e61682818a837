package micro.api;

/**
 * The one unchecked error of micro: an id naming its source, an HTTP-like code, a detail for humans
 * and the status text of the code. Subclasses only add the value that caused them.
 */
public class MicroException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String id;
    private final int code;
    private final String detail;

    public MicroException(String id, int code, String detail) {
        this(id, code, detail, null);
    }

    public MicroException(String id, int code, String detail, Throwable cause) {
        super(detail, cause);
        this.id = id == null ? "" : id;
        this.code = code;
        this.detail = detail == null ? "" : detail;
    }

    public static MicroException badRequest(String id, String detail) {
        return new MicroException(id, 400, detail);
    }

    public static MicroException notFound(String id, String detail) {
        return new MicroException(id, 404, detail);
    }

    public static MicroException timeout(String id, String detail) {
        return new MicroException(id, 408, detail);
    }

    public static MicroException internal(String id, String detail) {
        return new MicroException(id, 500, detail);
    }

    public static MicroException unavailable(String id, String detail) {
        return new MicroException(id, 503, detail);
    }

    public String id() {
        return id;
    }

    public int code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    /** The status text of {@link #code()}, as go-micro writes it ("Not Found", "Request Timeout", ...). */
    public String status() {
        return statusText(code);
    }

    public static String statusText(int code) {
        return switch (code) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> code >= 500 ? "Internal Server Error" : code >= 400 ? "Bad Request" : "Unknown";
        };
    }

    @Override
    public String toString() {
        return "{\"id\":\"" + id + "\",\"code\":" + code + ",\"detail\":\"" + detail + "\",\"status\":\"" + status() + "\"}";
    }
}
