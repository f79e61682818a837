package micro.bot.xmpp.internal;

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
import org.osgi.service.metatype.annotations.Option;

/**
 * The bot's XMPP input (HipChat spoke XMPP): answers direct messages and, in the multi-user rooms it
 * joins, messages that address it ({@code micro: list services}). Configured by PID
 * {@code micro.bot.xmpp}; the password comes from the configuration or a file, never a command line.
 */
@Component(service = Input.class, configurationPid = "micro.bot.xmpp", configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Input.NAME + "=xmpp")
@Designate(ocd = XmppInput.Config.class)
public final class XmppInput implements Input {

    @ObjectClassDefinition(name = "micro bot: XMPP", description = "The bot's XMPP account and rooms.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "host:port of the XMPP server's client port.")
        String address() default "127.0.0.1:5222";

        @AttributeDefinition(name = "JID", description = "The bot's account, e.g. micro@example.com.")
        String jid();

        @AttributeDefinition(name = "Password file", description = "File holding the account's password.")
        String password_file() default "";

        @AttributeDefinition(name = "Password", description = "The account's password, if not in a file.", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(name = "Rooms", description = "Multi-user rooms to join, comma separated, e.g. ops@conference.example.com.")
        String rooms() default "";

        @AttributeDefinition(name = "Room nick", description = "The bot's nick in rooms; people address it as NICK: COMMAND.")
        String nick() default "micro";

        @AttributeDefinition(name = "TLS", description = "required: STARTTLS or no connection; ifpossible; disabled (test servers).",
                options = { @Option(label = "required", value = "required"), @Option(label = "ifpossible", value = "ifpossible"),
                        @Option(label = "disabled", value = "disabled") })
        String tls() default "required";
    }

    private final XmppSettings settings;

    @Activate
    public XmppInput(Config config) throws IOException {
        String address = config.address().strip();
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("micro.bot.xmpp address must be host:port, got '" + config.address() + "'");
        }
        if (config.jid() == null || !config.jid().contains("@")) {
            throw new IllegalArgumentException("micro.bot.xmpp jid must be an account like micro@example.com, got '" + config.jid() + "'");
        }
        String password = config.password_file().isBlank() ? config.password()
                : Files.readString(Path.of(config.password_file())).strip();
        if (password.isEmpty()) {
            throw new IllegalArgumentException("micro.bot.xmpp needs password_file (or password) for " + config.jid());
        }
        List<String> rooms = Arrays.stream(config.rooms().split("[,\\s]+")).map(String::strip).filter(r -> !r.isEmpty()).toList();
        settings = new XmppSettings(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)), config.jid().strip(),
                password, rooms, config.nick().strip(), XmppSettings.Tls.valueOf(config.tls().strip().toUpperCase(java.util.Locale.ROOT)));
    }

    @Override
    public String name() {
        return "xmpp";
    }

    @Override
    public Conversation open(Consumer<ChatMessage> listener) {
        return XmppSession.start(settings, listener);
    }
}
