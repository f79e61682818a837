package micro.bot.slack.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.bot.ChatMessage;
import micro.api.bot.Input;
import micro.core.internal.testing.Await;
import micro.core.internal.testing.Configs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Slack input against {@link SlackReplay}, Slack's documented Socket Mode exchange replayed. */
class SlackInputTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String DIRECT_MESSAGE = "{\"envelope_id\":\"dbdd0ef3-1543-4f94-bfb4-133d0e6c1545\",\"payload\":{"
            + "\"token\":\"XXYYZZ\",\"team_id\":\"T12345678\",\"api_app_id\":\"A0K58AR4RF\",\"event\":{\"client_msg_id\":"
            + "\"8ce5dbe3-1d9c-4b54-8e4f-c3d1a1ee2b7f\",\"type\":\"message\",\"text\":\"query greeter Say.Hello {\\\"name\\\": "
            + "\\\"J &amp; J\\\"}\",\"user\":\"U061F7AUR\",\"ts\":\"1355517523.000005\",\"team\":\"T12345678\",\"channel\":\"D0PNCRP9N\","
            + "\"event_ts\":\"1355517523.000005\",\"channel_type\":\"im\"},\"type\":\"event_callback\",\"event_id\":\"Ev0PV52K21\","
            + "\"event_time\":1355517523},\"type\":\"events_api\",\"accepts_response_payload\":false,\"retry_attempt\":0,"
            + "\"retry_reason\":\"\"}";
    private static final String MENTION = "{\"envelope_id\":\"57d6a792-4d35-4d0b-b6aa-3361493e1caf\",\"payload\":{"
            + "\"token\":\"XXYYZZ\",\"team_id\":\"T12345678\",\"api_app_id\":\"A0K58AR4RF\",\"event\":{\"type\":\"app_mention\","
            + "\"user\":\"U061F7AUR\",\"text\":\"<@" + SlackReplay.BOT_USER + "> list services\",\"ts\":\"1515449522.000016\","
            + "\"channel\":\"C0LAN2Q65\",\"event_ts\":\"1515449522000016\"},\"type\":\"event_callback\",\"event_id\":"
            + "\"Ev0PV52K25\",\"event_time\":1515449522},\"type\":\"events_api\",\"accepts_response_payload\":false,"
            + "\"retry_attempt\":0,\"retry_reason\":\"\"}";

    @TempDir
    Path dir;
    private SlackReplay slack;
    private Input.Conversation conversation;
    private final List<ChatMessage> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        slack = new SlackReplay();
    }

    @AfterEach
    void stop() throws Exception {
        if (conversation != null) {
            conversation.close();
        }
        slack.close();
    }

    private Input input(String tokens) throws Exception {
        Path file = Files.writeString(dir.resolve("slack.tokens"), tokens);
        return new SlackInput(Configs.of(SlackInput.Config.class, Map.of("token_file", file.toString(), "api_url", slack.apiUrl(),
                "channels", "C0LAN2Q65")));
    }

    private void connect() throws Exception {
        conversation = input(SlackReplay.APP_TOKEN + "\n" + SlackReplay.BOT_TOKEN + "\n").open(heard::add);
        Await.until("the input to connect in Socket Mode", WAIT, conversation::connected);
    }

    @Test
    void aDirectMessageIsAcknowledgedDeliveredAndAnsweredInItsConversation() throws Exception {
        connect();
        slack.push(DIRECT_MESSAGE);
        Await.until("the direct message", WAIT, () -> heard.size() == 1);
        assertEquals(new ChatMessage("U061F7AUR", null, "query greeter Say.Hello {\"name\": \"J & J\"}"), heard.get(0));
        Await.until("the acknowledgement", WAIT, () -> slack.acks.equals(List.of("dbdd0ef3-1543-4f94-bfb4-133d0e6c1545")));

        conversation.reply(heard.get(0), "{\n\t\"msg\": \"Hello J & J <3\"\n}");
        assertEquals(1, slack.posts.size());
        SlackReplay.Post post = slack.posts.get(0);
        assertEquals("D0PNCRP9N", post.channel(), "the reply goes to the DM it came from");
        assertEquals("```\n{\n\t\"msg\": \"Hello J &amp; J &lt;3\"\n}\n```", post.text());
        assertEquals("Bearer " + SlackReplay.BOT_TOKEN, post.authorization());
    }

    @Test
    void aMentionInAChannelIsDeliveredWithoutTheMentionAndAnsweredInTheChannel() throws Exception {
        connect();
        slack.push(MENTION);
        Await.until("the mention", WAIT, () -> heard.size() == 1);
        assertEquals(new ChatMessage("U061F7AUR", "C0LAN2Q65", "list services"), heard.get(0));
        conversation.reply(heard.get(0), "micro.srv.greeter");
        assertEquals("C0LAN2Q65", slack.posts.get(0).channel());
        assertEquals("micro.srv.greeter", slack.posts.get(0).text());
    }

    @Test
    void aMentionInAChannelNotOnTheListIsAnsweredWithANoticeAndRunsNothing() throws Exception {
        connect();
        slack.push(MENTION.replace("C0LAN2Q65", "C0OTHER00"));
        Await.until("the notice", WAIT, () -> !slack.posts.isEmpty());
        assertEquals("C0OTHER00", slack.posts.get(0).channel());
        assertTrue(slack.posts.get(0).text().startsWith("I take no commands in this channel"), slack.posts.get(0).text());
        assertTrue(heard.isEmpty());
    }

    @Test
    void theBotsOwnMessagesEditsAndPlainChannelMessagesAreNotCommands() throws Exception {
        connect();
        slack.push(DIRECT_MESSAGE.replace("\"user\":\"U061F7AUR\"", "\"user\":\"" + SlackReplay.BOT_USER + "\""));
        slack.push(DIRECT_MESSAGE.replace("\"type\":\"message\",", "\"type\":\"message\",\"subtype\":\"message_changed\","));
        slack.push(DIRECT_MESSAGE.replace("\"channel_type\":\"im\"", "\"channel_type\":\"channel\""));
        slack.push(MENTION); // a marker: once it arrives, the three before it were read
        Await.until("the marker", WAIT, () -> !heard.isEmpty());
        assertEquals(List.of(new ChatMessage("U061F7AUR", "C0LAN2Q65", "list services")), heard);
        Await.until("every envelope acknowledged, also those not answered", WAIT, () -> slack.acks.size() == 4);
    }

    @Test
    void aDisconnectFromSlackOpensANewConnection() throws Exception {
        connect();
        slack.push("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\",\"debug_info\":{\"host\":\"applink-7fc4fdbb64-4x5xq\"}}");
        Await.until("a second connection", WAIT, () -> slack.connectionsOpened.get() == 2 && slack.openSockets() == 1
                && conversation.connected());
        slack.push(MENTION);
        Await.until("events on the new connection", WAIT, () -> heard.size() == 1);
    }

    @Test
    void aTokenFileWithoutBothTokensIsRefusedSayingWhatIsMissing() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> input(SlackReplay.BOT_TOKEN));
        assertTrue(missing.getMessage().contains("no xapp- token"), missing.getMessage());
        assertFalse(missing.getMessage().contains(SlackReplay.BOT_TOKEN), "no token in the message");
    }
}
