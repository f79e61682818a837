package micro.bot.irc.internal;

import java.util.List;

/** Where and as whom the IRC input connects; {@code password} is the server password, or null. */
record IrcSettings(String host, int port, String nick, List<String> channels, String password, boolean tls) {

    @Override
    public String toString() { // never the password
        return nick + "@" + host + ":" + port + (tls ? " (tls)" : "") + " " + channels;
    }
}
