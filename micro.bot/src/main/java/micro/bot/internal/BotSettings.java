package micro.bot.internal;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bot's configuration (PID {@code micro.bot}), checked: which inputs it opens (empty: every
 * input installed), the namespace of service commands, who may talk to it and who may act, how many
 * commands a user may send a minute, and how long an answer may be.
 */
record BotSettings(Set<String> inputs, String namespace, Access access, int perMinute, ReplyCut cut) {

    static BotSettings of(Bot.Config config) {
        if (config.rate_limit() <= 0 || config.reply_lines() <= 0 || config.reply_chars() < 100) {
            throw new IllegalArgumentException("micro.bot: rate.limit and reply.lines must be positive and "
                    + "reply.chars at least 100; got " + config.rate_limit() + ", " + config.reply_lines() + ", "
                    + config.reply_chars());
        }
        String namespace = config.namespace().strip();
        if (namespace.isEmpty() || namespace.endsWith(".")) {
            throw new IllegalArgumentException("micro.bot: namespace must be a service name prefix like micro.bot, got '"
                    + config.namespace() + "'");
        }
        Set<String> inputs = Arrays.stream(config.inputs().split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        return new BotSettings(inputs, namespace, Access.of(config.allow(), config.admins()), config.rate_limit(),
                new ReplyCut(config.reply_lines(), config.reply_chars()));
    }

    boolean opens(String input) {
        return inputs.isEmpty() || inputs.contains(input);
    }
}
