package micro.example.greeter;

import java.util.Map;

import micro.api.server.MicroSubscribe;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to {@code micro.topic.greeted} and logs every event with (the start of) its payload, so the quick start
 * shows an event going end to end: {@code micro.jar publish micro.topic.greeted '{"name":"John"}'}.
 */
@Component(service = GreetedSubscriber.class)
@MicroSubscribe("micro.topic.greeted")
public final class GreetedSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(GreetedSubscriber.class);

    // Anyone who can reach the gateway's /event can publish: a log line must not carry megabytes.
    private static final int LOGGED_CHARS = 200;

    public void on(Map<String, Object> event) {
        // An event published through the gateway carries the caller's HTTP headers: not for a log.
        Map<String, Object> shown = new java.util.LinkedHashMap<>(event);
        shown.remove("header");
        String text = String.valueOf(shown);
        if (text.length() > LOGGED_CHARS) {
            text = text.substring(0, LOGGED_CHARS) + "... (" + text.length() + " characters)";
        }
        LOG.info("event on micro.topic.greeted: {}", text);
    }
}
