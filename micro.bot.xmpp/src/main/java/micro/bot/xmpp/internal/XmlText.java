package micro.bot.xmpp.internal;

/**
 * Text XML 1.0 can carry: a service's reply may hold control characters, and one of them in a stanza
 * is a stream error that would drop the bot's connection. Tabs and newlines stay.
 */
final class XmlText {

    private XmlText() {
    }

    static String clean(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF))
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
