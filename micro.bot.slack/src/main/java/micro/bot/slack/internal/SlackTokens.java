package micro.bot.slack.internal;

/**
 * A Slack app's two tokens: the app-level one ({@code xapp-}) opens the Socket Mode connection, the
 * bot's ({@code xoxb-}) posts replies. Read from one file, told apart by prefix; never printed.
 */
record SlackTokens(String app, String bot) {

    static SlackTokens parse(String text, String file) {
        String app = null;
        String bot = null;
        for (String line : text.split("\\R")) {
            String token = line.strip();
            if (token.startsWith("xapp-")) {
                app = token;
            } else if (token.startsWith("xoxb-")) {
                bot = token;
            }
        }
        if (app == null || bot == null) {
            throw new IllegalArgumentException(file + " must hold the app-level token (xapp-...) and the bot token (xoxb-...), "
                    + "one per line; found " + (app == null ? "no xapp- token" : "") + (app == null && bot == null ? " and " : "")
                    + (bot == null ? "no xoxb- token" : ""));
        }
        return new SlackTokens(app, bot);
    }

    @Override
    public String toString() {
        return "SlackTokens[xapp-…, xoxb-…]";
    }
}
