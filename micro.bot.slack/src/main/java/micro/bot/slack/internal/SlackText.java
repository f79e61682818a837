package micro.bot.slack.internal;

/**
 * Slack's message text: it escapes {@code & < >} as entities and writes a mention as {@code <@U123>};
 * a reply of several lines is sent as a code block, so the shell's columns stay aligned.
 */
final class SlackText {

    private SlackText() {
    }

    static String fromSlack(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The text with the mention of the bot taken out: {@code <@U0BOT> list services} → {@code list services}. */
    static String withoutMention(String text, String botUser) {
        return text.replace("<@" + botUser + ">", " ").strip();
    }

    static String toSlack(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return escaped.contains("\n") ? "```\n" + escaped + "\n```" : escaped;
    }
}
