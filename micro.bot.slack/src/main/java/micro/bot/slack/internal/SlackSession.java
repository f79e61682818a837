package micro.bot.slack.internal;

import java.io.IOException;
import java.net.http.WebSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import micro.api.bot.ChatMessage;
import micro.api.bot.Input;
import micro.api.bot.Reconnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Socket Mode connection kept up by its own thread: asks who the bot is, opens a WebSocket at a
 * fresh URL, acknowledges every envelope at once (Slack sends it again otherwise), and hands direct
 * messages and mentions on. On {@code disconnect} (Slack refreshes connections now and then), a close
 * or an error it opens a new one ({@link Reconnection}).
 */
final class SlackSession implements Input.Conversation {

    private static final Logger LOG = LoggerFactory.getLogger(SlackSession.class);
    private static final int MAX_MESSAGE_CHARS = 1 << 20;
    private static final int MAX_KNOWN_DMS = 10_000;

    private final SlackApi api;
    private final Set<String> channels;
    private final Consumer<ChatMessage> listener;
    private final Reconnection reconnection = new Reconnection();
    /** The DM channel of each user who wrote directly, so a reply lands in that conversation. */
    private final Map<String, String> directChannels = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_KNOWN_DMS;
        }
    };
    private volatile String botUser = "";
    private volatile boolean connected;
    private volatile WebSocket socket;

    private SlackSession(SlackApi api, Set<String> channels, Consumer<ChatMessage> listener) {
        this.api = api;
        this.channels = channels;
        this.listener = listener;
    }

    static SlackSession start(SlackApi api, Set<String> channels, Consumer<ChatMessage> listener) {
        SlackSession session = new SlackSession(api, channels, listener);
        Thread thread = new Thread(session::keepConnected, "micro-bot-slack");
        thread.setDaemon(true);
        thread.start();
        return session;
    }

    private void keepConnected() {
        while (!reconnection.isClosed()) {
            CountDownLatch lost = new CountDownLatch(1);
            try {
                botUser = api.botUserId();
                Events events = new Events(lost);
                socket = api.http().newWebSocketBuilder().buildAsync(api.socketUrl(), events).get(10, TimeUnit.SECONDS);
                reconnection.awaitLoss(lost);
                if (events.greeted) {
                    reconnection.connected();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!reconnection.isClosed()) {
                    LOG.warn("micro.bot.slack: {}; connecting again in {} s", e.getMessage(), reconnection.pause().toSeconds());
                }
            } finally {
                connected = false;
                WebSocket current = socket;
                if (current != null) {
                    current.abort();
                }
            }
            if (!reconnection.await()) {
                return;
            }
        }
    }

    /** What arrives on one socket. */
    private final class Events implements WebSocket.Listener {

        private final CountDownLatch lost;
        private final StringBuilder text = new StringBuilder();
        private volatile boolean greeted;

        Events(CountDownLatch lost) {
            this.lost = lost;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (text.length() + data.length() > MAX_MESSAGE_CHARS) {
                LOG.warn("micro.bot.slack: a message over {} characters; reconnecting", MAX_MESSAGE_CHARS);
                lost.countDown();
                return null;
            }
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                handle(webSocket, message);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(WebSocket webSocket, String message) {
            JsonNode envelope;
            try {
                envelope = SlackApi.JSON.readTree(message);
            } catch (IOException e) {
                LOG.warn("micro.bot.slack: a message that is not JSON: {}", e.getMessage());
                return;
            }
            if (envelope.hasNonNull("envelope_id")) {
                webSocket.sendText("{\"envelope_id\":" + SlackApi.JSON.valueToTree(envelope.get("envelope_id").asText()) + "}", true);
            }
            switch (envelope.path("type").asText()) {
                case "hello" -> {
                    greeted = true;
                    connected = true;
                    LOG.info("micro.bot.slack: connected in Socket Mode as {}", botUser);
                }
                case "disconnect" -> {
                    LOG.info("micro.bot.slack: Slack asks to reconnect ({})", envelope.path("reason").asText());
                    lost.countDown();
                }
                case "events_api" -> event(envelope.path("payload").path("event"));
                default -> {
                    // slash commands and interactivity are not used
                }
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost.countDown();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            LOG.warn("micro.bot.slack: the socket failed: {}", error.getMessage());
            lost.countDown();
        }
    }

    private void event(JsonNode event) {
        String user = event.path("user").asText("");
        if (user.isEmpty() || user.equals(botUser) || event.has("bot_id") || event.has("subtype")) {
            return; // the bot's own messages, other bots, edits and joins
        }
        String channel = event.path("channel").asText();
        String text = SlackText.fromSlack(event.path("text").asText(""));
        String type = event.path("type").asText();
        if (type.equals("app_mention")) {
            ChatMessage message = new ChatMessage(user, channel, SlackText.withoutMention(text, botUser));
            if (channels.contains(channel)) {
                listener.accept(message);
            } else {
                reply(message, "I take no commands in this channel (micro.bot.slack channels); write to me directly");
            }
        } else if (type.equals("message") && event.path("channel_type").asText().equals("im")) {
            synchronized (directChannels) {
                directChannels.put(user, channel);
            }
            listener.accept(new ChatMessage(user, null, text));
        }
    }

    @Override
    public void reply(ChatMessage to, String text) {
        String channel;
        if (to.direct()) {
            synchronized (directChannels) {
                channel = directChannels.getOrDefault(to.from(), to.from());
            }
        } else {
            channel = to.room();
        }
        try {
            api.postMessage(channel, SlackText.toSlack(text));
        } catch (IOException e) {
            LOG.warn("micro.bot.slack: a reply to {} was lost: {}", channel, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void close() {
        reconnection.close();
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "micro bot stopping").exceptionally(e -> null);
        }
    }

}
