package micro.example.greeter;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import micro.api.server.MicroHandler;
import micro.api.server.MicroService;

import org.osgi.service.component.annotations.Component;

/**
 * A chat bot command written as a service, as micro's bot commands are: any service named
 * {@code micro.bot.NAME} with {@code Command.Help} and {@code Command.Exec} becomes the bot's command
 * {@code NAME}. This one answers {@code uptime}: how long this host has been running.
 */
@Component(service = UptimeCommand.class)
@MicroService("micro.bot.uptime")
@MicroHandler("Command")
public final class UptimeCommand {

    /** {@code Command.Help}: how the command is called, for the bot's {@code help}. */
    public record Help(String usage, String description) {
    }

    /** {@code Command.Exec}'s request: the words after the command's name. */
    public record Exec(List<String> args) {
    }

    /** {@code Command.Exec}'s answer: the text to show, or an error to show instead. */
    public record Result(String result, String error) {
    }

    public Help help(Map<String, Object> request) {
        return new Help("uptime", "how long the host serving micro.bot.uptime has been up");
    }

    public Result exec(Exec request) {
        if (request.args() != null && !request.args().isEmpty()) {
            return new Result(null, "uptime takes no arguments");
        }
        Duration up = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        return new Result(String.format("up %dd %dh %dm %ds", up.toDays(), up.toHoursPart(), up.toMinutesPart(),
                up.toSecondsPart()), null);
    }
}
