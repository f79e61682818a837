package micro.registry.kubernetes.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import micro.api.registry.Service;

/**
 * go-plugins' layout of services on pods: a pod that serves has the label
 * {@code micro.mu/type=service} and, for each service, {@code micro.mu/selector-NAME=service}, and
 * holds the service (go-micro's JSON, with this pod's nodes) in the annotation
 * {@code micro.mu/service-NAME}. NAME is the service name with every character that a label name
 * may not hold as a dash, as go-plugins writes it ({@code micro.srv.greeter} →
 * {@code micro-srv-greeter}).
 */
final class KubernetesFormat {

    static final String TYPE_LABEL = "micro.mu/type";
    static final String SERVICE_VALUE = "service";
    static final String SELECTOR_PREFIX = "micro.mu/selector-";
    static final String ANNOTATION_PREFIX = "micro.mu/service-";

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private KubernetesFormat() {
    }

    /** The label-safe form of a service name. */
    static String labelName(String service) {
        StringBuilder name = new StringBuilder(service.length());
        for (char c : service.toCharArray()) {
            name.append(c < 128 && Character.isLetterOrDigit(c) ? c : '-');
        }
        return name.toString();
    }

    /** The label selector of the pods that serve {@code service}, or of all pods that serve any. */
    static String selector(String service) {
        return service == null ? TYPE_LABEL + "=" + SERVICE_VALUE : SELECTOR_PREFIX + labelName(service) + "=" + SERVICE_VALUE;
    }

    /** The patch that puts {@code service} (this pod's nodes of it) on the pod. */
    static JsonNode registration(Service service) {
        ObjectNode patch = MAPPER.createObjectNode();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.putObject("labels").put(TYPE_LABEL, SERVICE_VALUE).put(SELECTOR_PREFIX + labelName(service.name()), SERVICE_VALUE);
        try {
            metadata.putObject("annotations").put(ANNOTATION_PREFIX + labelName(service.name()), MAPPER.writeValueAsString(service));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return patch;
    }

    /** The patch that takes {@code service} off the pod (null removes a key in a merge patch). */
    static JsonNode deregistration(String service) {
        ObjectNode patch = MAPPER.createObjectNode();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.putObject("labels").putNull(SELECTOR_PREFIX + labelName(service));
        metadata.putObject("annotations").putNull(ANNOTATION_PREFIX + labelName(service));
        return patch;
    }

    /**
     * The services a pod holds, when it runs: a pod that is pending, failing or being deleted serves
     * nobody, whatever its annotations still say. An annotation that is not a service is skipped.
     */
    static List<Service> services(JsonNode pod) {
        List<Service> services = new ArrayList<>();
        if (!"Running".equals(pod.path("status").path("phase").asText()) || pod.path("metadata").hasNonNull("deletionTimestamp")) {
            return services;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = pod.path("metadata").path("annotations").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> annotation = it.next();
            if (annotation.getKey().startsWith(ANNOTATION_PREFIX)) {
                try {
                    services.add(MAPPER.readValue(annotation.getValue().asText(), Service.class));
                } catch (IOException e) {
                    // someone else's annotation, or a broken one: it names no node we could call
                }
            }
        }
        return services;
    }

    static String podName(JsonNode pod) {
        return pod.path("metadata").path("name").asText();
    }
}
