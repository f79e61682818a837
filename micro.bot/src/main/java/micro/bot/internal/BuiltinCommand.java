package micro.bot.internal;

import java.util.List;
import java.util.function.Function;

import micro.api.command.Command;

/** A command the bot answers by itself, without a service: {@code help}, {@code echo}, {@code time} ... */
record BuiltinCommand(String name, String usage, String description, Function<List<String>, String> action) implements Command {

    @Override
    public boolean acts() {
        return false;
    }

    @Override
    public String run(List<String> args) {
        return action.apply(args);
    }
}
