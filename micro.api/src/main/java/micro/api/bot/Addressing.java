package micro.api.bot;

/**
 * Whether a message in a room addresses the bot, as people do in IRC and XMPP rooms:
 * {@code micro: list services}, {@code micro, list services} or {@code @micro list services}. For
 * inputs, which deliver only messages meant for the bot ({@link ChatMessage}).
 */
public final class Addressing {

    private Addressing() {
    }

    /** The text after the address to one of {@code nicks}, or null when the message is for someone else. */
    public static String strip(String text, String... nicks) {
        String trimmed = text.strip();
        for (String nick : nicks) {
            for (String form : new String[] { nick + ":", nick + ",", "@" + nick }) {
                if (trimmed.regionMatches(true, 0, form, 0, form.length())
                        && (trimmed.length() == form.length() || !form.startsWith("@")
                                || Character.isWhitespace(trimmed.charAt(form.length())))) {
                    return trimmed.substring(form.length()).strip();
                }
            }
        }
        return null;
    }
}
