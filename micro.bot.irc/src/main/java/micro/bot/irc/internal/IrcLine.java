package micro.bot.irc.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the IRC protocol (RFC 1459, 2.3.1): {@code [:prefix] COMMAND params... [:trailing]}.
 *
 * @param prefix who sent it, {@code nick!user@host} or a server name; empty when absent
 */
record IrcLine(String prefix, String command, List<String> params) {

    static IrcLine parse(String line) {
        String rest = line;
        String prefix = "";
        if (rest.startsWith(":")) {
            int space = rest.indexOf(' ');
            prefix = space < 0 ? rest.substring(1) : rest.substring(1, space);
            rest = space < 0 ? "" : rest.substring(space + 1);
        }
        List<String> words = new ArrayList<>();
        while (!rest.isEmpty()) {
            if (rest.startsWith(":")) {
                words.add(rest.substring(1));
                break;
            }
            int space = rest.indexOf(' ');
            if (space < 0) {
                words.add(rest);
                break;
            }
            if (space > 0) {
                words.add(rest.substring(0, space));
            }
            rest = rest.substring(space + 1);
        }
        String command = words.isEmpty() ? "" : words.remove(0).toUpperCase(java.util.Locale.ROOT);
        return new IrcLine(prefix, command, List.copyOf(words));
    }

    /** The nick of the sender: the prefix up to {@code !}. */
    String nick() {
        int bang = prefix.indexOf('!');
        return bang < 0 ? prefix : prefix.substring(0, bang);
    }

    String param(int index) {
        return index < params.size() ? params.get(index) : "";
    }
}
