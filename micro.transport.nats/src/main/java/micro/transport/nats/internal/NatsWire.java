package micro.transport.nats.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.nats.client.impl.Headers;

import micro.api.MicroException;
import micro.api.transport.Message;
import micro.api.transport.RemoteErrors;

/**
 * A micro message on NATS: its headers as NATS headers, its body as the payload. A failed call is
 * answered with the header {@code Micro-Error} (its code) and the error as JSON
 * {@code {"id","code","detail","status"}} in the body, as the HTTP transport writes it, since a
 * header line cannot hold every detail.
 */
final class NatsWire {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private NatsWire() {
    }

    static Headers headers(Message message) {
        Headers headers = new Headers();
        message.headers().forEach((name, value) -> {
            if (value != null && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
                headers.put(name, value);
            }
        });
        return headers;
    }

    static Message message(io.nats.client.Message received) {
        Map<String, String> headers = new HashMap<>();
        Headers nats = received.getHeaders();
        if (nats != null) {
            for (String name : nats.keySet()) {
                headers.put(name, nats.getFirst(name));
            }
        }
        return new Message(headers, received.getData());
    }

    static Headers errorHeaders(MicroException error) {
        Headers headers = new Headers();
        headers.put(Message.ERROR, String.valueOf(error.code()));
        headers.put(Message.CONTENT_TYPE, "application/json");
        return headers;
    }

    static byte[] errorBody(MicroException error) {
        try {
            return MAPPER.writeValueAsBytes(RemoteErrors.fields(error));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The error a node answered with, or null for a reply. */
    static MicroException error(io.nats.client.Message reply) {
        Headers headers = reply.getHeaders();
        String code = headers == null ? null : headers.getFirst(Message.ERROR);
        if (code == null) {
            return null;
        }
        int status;
        try {
            status = Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            status = 500;
        }
        try {
            JsonNode json = MAPPER.readTree(reply.getData());
            if (json != null && json.has("detail")) {
                return RemoteErrors.of(json.path("id").asText("micro.transport.nats"), json.path("code").asInt(status),
                        json.path("detail").asText());
            }
        } catch (IOException e) {
            // not our JSON: the code alone says it
        }
        return new MicroException("micro.transport.nats", status, "the node answered " + status);
    }
}
