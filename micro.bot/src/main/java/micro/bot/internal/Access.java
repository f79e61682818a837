package micro.bot.internal;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may talk to the bot, and who may run the commands that act ({@code query}, {@code publish},
 * service commands): users as the chat names them ({@code alice@localhost} in XMPP, the nick in IRC),
 * on any input, or {@code input:user} for one input only ({@code irc:alice}). An empty list lets
 * nobody in: a bot nobody configured answers nobody.
 */
record Access(Set<String> allowed, Set<String> admins) {

    static Access of(String allow, String admins) {
        return new Access(entries(allow), entries(admins));
    }

    /** Admins may talk to the bot too, whether or not the allow list names them. */
    boolean allows(String input, String user) {
        return matches(allowed, input, user) || admits(input, user);
    }

    boolean admits(String input, String user) {
        return matches(admins, input, user);
    }

    boolean nobodyAllowed() {
        return allowed.isEmpty() && admins.isEmpty();
    }

    private static boolean matches(Set<String> entries, String input, String user) {
        return entries.contains(user) || entries.contains(input + ":" + user);
    }

    private static Set<String> entries(String list) {
        return list == null ? Set.of()
                : Arrays.stream(list.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
