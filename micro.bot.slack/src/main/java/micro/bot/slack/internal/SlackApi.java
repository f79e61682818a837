package micro.bot.slack.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The three Web API methods the input needs: {@code auth.test} (who the bot is),
 * {@code apps.connections.open} (a Socket Mode URL) and {@code chat.postMessage}. Slack answers 200
 * with {@code "ok": false} and an {@code error} on failure; that becomes an IOException naming it.
 */
final class SlackApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final SlackTokens tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    SlackApi(URI base, SlackTokens tokens) {
        this.base = base;
        this.tokens = tokens;
    }

    HttpClient http() {
        return http;
    }

    /** The bot's own user id, to find its mentions and skip its own messages. */
    String botUserId() throws IOException, InterruptedException {
        return call("auth.test", tokens.bot(), Map.of()).path("user_id").asText();
    }

    /** A fresh Socket Mode URL; each one is good for one connection. */
    URI socketUrl() throws IOException, InterruptedException {
        return URI.create(call("apps.connections.open", tokens.app(), Map.of()).path("url").asText());
    }

    void postMessage(String channel, String text) throws IOException, InterruptedException {
        call("chat.postMessage", tokens.bot(), Map.of("channel", channel, "text", text));
    }

    private JsonNode call(String method, String token, Map<String, String> body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(method)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("Slack " + method + " answered HTTP " + response.statusCode());
        }
        JsonNode answer = JSON.readTree(response.body());
        if (!answer.path("ok").asBoolean()) {
            throw new IOException("Slack " + method + " failed: " + answer.path("error").asText("no error given"));
        }
        return answer;
    }
}
