package micro.sidecar.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import micro.api.MicroException;
import micro.api.registry.Node;
import micro.api.registry.Service;
import micro.api.transport.Message;

/**
 * The JSON the sidecar reads and writes for apps: go-micro's service JSON (field names in any case,
 * as Go decoded them), registry events as {@code {action, service}}, and broker messages as
 * {@code {"header":{...},"body":...}} with the payload itself when it is JSON, else base64 with its
 * content type.
 */
final class SidecarJson {

    static final ObjectMapper MAPPER = JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private SidecarJson() {
    }

    /**
     * A service to register: a name and at least one node with an id and an address.
     *
     * @throws MicroException 400 saying what is missing
     */
    static Service service(byte[] body) {
        Service service;
        try {
            service = MAPPER.readValue(body, Service.class);
        } catch (JsonProcessingException e) {
            // The record's own checks ("a service needs a name") arrive wrapped: say them as they are.
            String why = e.getCause() instanceof IllegalArgumentException check ? check.getMessage() : e.getOriginalMessage();
            throw bad("not a service as JSON: " + why + "; e.g. " + EXAMPLE);
        } catch (IOException | IllegalArgumentException e) {
            throw bad("not a service as JSON: " + e.getMessage() + "; e.g. " + EXAMPLE);
        }
        if (service == null) {
            throw bad("the body is empty; send a service, e.g. " + EXAMPLE);
        }
        if (service.nodes().isEmpty()) {
            throw bad("service " + service.name() + " has no nodes; give each an id and an address, e.g. " + EXAMPLE);
        }
        for (Node node : service.nodes()) {
            if (node.address().isBlank()) {
                throw bad("node " + node.id() + " of " + service.name() + " has no address (host:port)");
            }
        }
        return service;
    }

    private static final String EXAMPLE = "{\"name\":\"micro.srv.greeter.py\",\"nodes\":[{\"id\":\"greeter-py-1\","
            + "\"address\":\"127.0.0.1:9000\"}]}";

    private static MicroException bad(String detail) {
        return MicroException.badRequest(Sidecar.ERRORS.id(), detail);
    }

    /** {@code {"action":"create|update|delete","service":{...}}}. */
    static String event(micro.api.registry.RegistryEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("action", event.type().name().toLowerCase(java.util.Locale.ROOT));
        json.put("service", event.service());
        return text(json);
    }

    /** A broker message as an app reads it. */
    static String message(String topic, Message message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", topic);
        json.put("header", message.headers());
        String type = message.header(Message.CONTENT_TYPE);
        JsonNode payload = (type == null || type.contains("json")) ? tree(message.body()) : null;
        if (payload != null) {
            json.put("body", payload);
        } else {
            json.put("body", Base64.getEncoder().encodeToString(message.body()));
            json.put("encoding", "base64");
            json.put("content_type", type == null ? "application/octet-stream" : type);
        }
        return text(json);
    }

    private static JsonNode tree(byte[] body) {
        try {
            return body.length == 0 ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(Object value) {
        return text(value).getBytes(StandardCharsets.UTF_8);
    }
}
