package micro.core.internal.client;

import java.util.HashMap;
import java.util.Map;

import micro.api.metadata.Metadata;
import micro.api.transport.Message;

/**
 * The headers of a call as it leaves: the request's own, the route, and the metadata of the call this
 * thread serves (the request's own values win), with {@code Micro-From-Service} naming the service
 * that calls.
 */
final class OutgoingHeaders {

    private OutgoingHeaders() {
    }

    static Map<String, String> of(Message request, String service, String endpoint, String contentType, Metadata served) {
        Map<String, String> headers = new HashMap<>(request.headers());
        addMetadata(headers, request, served);
        headers.put(Message.SERVICE, service);
        headers.put(Message.ENDPOINT, endpoint);
        headers.putIfAbsent(Message.ID, RequestIds.next());
        headers.putIfAbsent(Message.CONTENT_TYPE, contentType);
        return headers;
    }

    /** The headers of a message published while serving: its content type, an id and the metadata. */
    static Map<String, String> ofPublication(String contentType, Metadata served) {
        Map<String, String> headers = new HashMap<>();
        addMetadata(headers, new Message(Map.of(), null), served);
        headers.put(Message.CONTENT_TYPE, contentType);
        headers.put(Message.ID, RequestIds.next());
        return headers;
    }

    private static void addMetadata(Map<String, String> headers, Message request, Metadata served) {
        for (Map.Entry<String, String> value : served.values().entrySet()) {
            boolean caller = value.getKey().equalsIgnoreCase(Metadata.FROM_SERVICE) && served.servedService() != null;
            if (!caller && request.header(value.getKey()) == null) {
                headers.put(value.getKey(), value.getValue());
            }
        }
        if (served.servedService() != null) {
            headers.put(Metadata.FROM_SERVICE, served.servedService());
        }
    }

    /** {@code request} with go-micro's {@code Timeout} header: the nanoseconds this attempt may take. */
    static Message withTimeout(Message request, long remainingNanos) {
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put(Metadata.TIMEOUT, Long.toString(remainingNanos));
        return new Message(headers, request.body());
    }
}
