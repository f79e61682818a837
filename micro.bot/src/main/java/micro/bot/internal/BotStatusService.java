package micro.bot.internal;

import java.util.List;
import java.util.Map;

import micro.api.server.MicroHandler;
import micro.api.server.MicroService;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The bot in the registry, as service {@code micro.bot}: {@code Bot.Status} answers its inputs (and
 * whether each is connected) and its commands, so {@code micro list services} shows a running bot and
 * {@code micro health micro.bot} checks it.
 */
@Component(service = BotStatusService.class)
@MicroService("micro.bot")
@MicroHandler("Bot")
public final class BotStatusService {

    /** {@code Bot.Status}'s answer. */
    public record Status(Map<String, Boolean> inputs, List<String> commands) {
    }

    @Reference
    private Bot bot;

    public Status status(Map<String, Object> request) {
        return new Status(bot.inputs(), bot.commands().stream().map(command -> command.name()).toList());
    }
}
