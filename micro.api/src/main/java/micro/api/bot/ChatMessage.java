package micro.api.bot;

import java.util.Objects;

/**
 * A message meant for the bot: every direct message, and every message in a room that addresses the
 * bot (the input strips the address, {@code micro: } or {@code @micro}, from {@link #text}).
 *
 * @param from who wrote it, as the chat names them: {@code alice@localhost} in XMPP, the nick in IRC
 * @param room the room or channel it was written in, or null for a direct message
 * @param text what was written, trimmed
 */
public record ChatMessage(String from, String room, String text) {

    public ChatMessage {
        Objects.requireNonNull(from, "from");
        text = text == null ? "" : text.strip();
    }

    /** A direct message: written to the bot alone. */
    public boolean direct() {
        return room == null;
    }
}
