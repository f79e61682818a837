package micro.bot.slack.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Consumer;

import micro.api.bot.ChatMessage;
import micro.api.bot.Input;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The bot's Slack input, a Slack app in Socket Mode: events arrive over a WebSocket the app opens
 * (no public URL needed), replies go out through the Web API's {@code chat.postMessage}. It answers
 * direct messages, and messages that mention the bot in the channels it is told to answer in (the
 * rooms of its allow list: anyone may invite a bot to a channel). Configured by PID {@code micro.bot.slack}.
 */
@Component(service = Input.class, configurationPid = "micro.bot.slack", configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Input.NAME + "=slack")
@Designate(ocd = SlackInput.Config.class)
public final class SlackInput implements Input {

    @ObjectClassDefinition(name = "micro bot: Slack", description = "The bot's Slack app (Socket Mode).")
    public @interface Config {
        @AttributeDefinition(name = "Token file", description = "File holding the app-level token (xapp-..., scope "
                + "connections:write) and the bot token (xoxb-..., scopes chat:write, app_mentions:read, im:history), one per line.")
        String token_file();

        @AttributeDefinition(name = "Channels", description = "Channel ids (C0LAN2Q65) where a mention of the bot is a "
                + "command, comma separated; empty: direct messages only.")
        String channels() default "";

        @AttributeDefinition(name = "API URL", description = "Base URL of Slack's Web API.")
        String api_url() default "https://slack.com/api/";
    }

    private final SlackTokens tokens;
    private final URI api;
    private final Set<String> channels;

    @Activate
    public SlackInput(Config config) throws IOException {
        if (config.token_file() == null || config.token_file().isBlank()) {
            throw new IllegalArgumentException("micro.bot.slack needs token.file: a file with the xapp- and xoxb- tokens");
        }
        tokens = SlackTokens.parse(Files.readString(Path.of(config.token_file())), config.token_file());
        String base = config.api_url().strip();
        api = URI.create(base.endsWith("/") ? base : base + "/");
        channels = Arrays.stream(config.channels().split("[,\\s]+")).map(String::strip).filter(c -> !c.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public Conversation open(Consumer<ChatMessage> listener) {
        return SlackSession.start(new SlackApi(api, tokens), channels, listener);
    }
}
