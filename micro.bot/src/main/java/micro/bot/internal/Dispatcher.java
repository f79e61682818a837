package micro.bot.internal;

import java.util.List;
import java.util.Optional;

import micro.api.MicroException;
import micro.api.bot.ChatMessage;
import micro.api.command.Command;
import micro.api.command.CommandLine;

/**
 * What the bot answers to one message: checks who wrote it (allow list, rate limit), finds the
 * command its first word names, keeps commands that act to admins, runs it and cuts the answer to
 * chat size. Every message gets an answer, except from a user already told to slow down: unknown
 * text is answered with help (micro ignored it), a bare {@code list} with "list what?" and usage.
 */
final class Dispatcher {

    private final CommandBook book;
    private final BotSettings settings;
    private final RateLimit rateLimit;

    Dispatcher(CommandBook book, BotSettings settings, RateLimit rateLimit) {
        this.book = book;
        this.settings = settings;
        this.rateLimit = rateLimit;
    }

    BotSettings settings() {
        return settings;
    }

    Optional<String> answer(String input, ChatMessage message) {
        if (!settings.access().allows(input, message.from())) {
            return Optional.of("sorry, " + message.from() + " is not on this bot's allow list (bot_allow)");
        }
        switch (rateLimit.take(input + ":" + message.from())) {
            case REFUSE:
                return Optional.empty();
            case REFUSE_AND_SAY:
                return Optional.of("slow down: at most " + rateLimit.perMinute() + " commands a minute; "
                        + "I answer again in a minute");
            default:
                break;
        }
        List<String> words = CommandLine.words(message.text());
        if (words.isEmpty()) {
            return Optional.of(run(book.find("help").orElseThrow(), List.of()));
        }
        Optional<Command> command = book.find(words.get(0));
        if (command.isEmpty()) {
            return Optional.of("unknown command '" + words.get(0) + "'\n" + run(book.find("help").orElseThrow(), List.of()));
        }
        if (command.get().acts() && !settings.access().admits(input, message.from())) {
            return Optional.of(command.get().name() + " is for admins only (bot_admins); say help for what you can run");
        }
        return Optional.of(run(command.get(), words.subList(1, words.size())));
    }

    private String run(Command command, List<String> args) {
        String text;
        try {
            text = command.run(args);
        } catch (MicroException e) {
            text = "error " + e.code() + ": " + e.detail();
        } catch (RuntimeException e) {
            text = "error: " + command.name() + " failed: " + e;
        }
        return settings.cut().apply(text.isBlank() ? "(nothing)" : text);
    }
}
