package micro.bot.irc.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
 * The bot's IRC input: joins its channels and answers there when addressed ({@code micro: list
 * services}) and in private messages. Configured by PID {@code micro.bot.irc}; a change of it makes a
 * new input (DS restarts the component), so the bot closes the old connection and opens the new one.
 */
@Component(service = Input.class, configurationPid = "micro.bot.irc", configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Input.NAME + "=irc")
@Designate(ocd = IrcInput.Config.class)
public final class IrcInput implements Input {

    @ObjectClassDefinition(name = "micro bot: IRC", description = "The bot's IRC connection.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "host:port of the IRC server.")
        String address() default "127.0.0.1:6667";

        @AttributeDefinition(name = "Nick", description = "The bot's nick; people address it as NICK: COMMAND in channels.")
        String nick() default "micro";

        @AttributeDefinition(name = "Channels", description = "Channels to join, comma separated, e.g. #ops,#dev.")
        String channels() default "";

        @AttributeDefinition(name = "Password file", description = "File holding the server password (PASS), if the server needs one.")
        String password_file() default "";

        @AttributeDefinition(name = "TLS", description = "Connect with TLS (the JVM's trust store checks the server).")
        boolean tls() default false;
    }

    private final IrcSettings settings;

    @Activate
    public IrcInput(Config config) throws IOException {
        int colon = config.address().lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("micro.bot.irc address must be host:port, got '" + config.address() + "'");
        }
        int port = Integer.parseInt(config.address().substring(colon + 1));
        String nick = config.nick().strip();
        if (!nick.matches("[A-Za-z\\[\\]\\\\`_^{|}][A-Za-z0-9\\[\\]\\\\`_^{|}-]{0,29}")) {
            throw new IllegalArgumentException("micro.bot.irc nick '" + config.nick() + "' is not a valid IRC nick");
        }
        List<String> channels = Arrays.stream(config.channels().split("[,\\s]+")).map(String::strip).filter(c -> !c.isEmpty())
                .map(c -> c.startsWith("#") || c.startsWith("&") ? c : "#" + c).toList();
        String password = config.password_file().isBlank() ? null : Files.readString(Path.of(config.password_file())).strip();
        settings = new IrcSettings(config.address().substring(0, colon), port, nick, channels, password, config.tls());
    }

    @Override
    public String name() {
        return "irc";
    }

    @Override
    public Conversation open(Consumer<ChatMessage> listener) {
        return IrcSession.start(settings, listener);
    }
}
