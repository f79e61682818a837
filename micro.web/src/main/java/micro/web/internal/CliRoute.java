package micro.web.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import micro.api.MicroException;
import micro.api.command.Command;
import micro.api.command.CommandLine;
import micro.api.command.CommandSet;
import micro.edge.http.BodyReader;
import micro.edge.http.JsonBodies;

import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /cli} for the CLI page (and programs): {@code GET} answers the commands there are,
 * {@code {"commands":[{"name","usage","description"}]}}; {@code POST {"line": "stream micro.srv.greeter
 * Say.Stream {...}"}} runs one and answers {@code {"output": TEXT}}. They are the {@link Command}
 * services the shell and the bot run, so the page has every command the shell has — {@code stream}
 * and {@code publish} too — and prints what the shell prints. Driven only as {@code /rpc} is (a JSON
 * body from this origin or an allowed one).
 */
final class CliRoute {

    private final CommandSet commands;
    private final BodyReader bodies;
    private final JsonBodies json;
    private final OriginCheck origins;

    CliRoute(CommandSet commands, BodyReader bodies, JsonBodies json, OriginCheck origins) {
        this.commands = commands;
        this.bodies = bodies;
        this.json = json;
        this.origins = origins;
    }

    boolean handle(Request request, Response response, Callback callback) {
        if (HttpMethod.POST.is(request.getMethod())) {
            // Checked once the body is read: a refusal before it would leave unread bytes, and Jetty closes such a
            // connection, which a client may already be reusing for its next request.
            return bodies.read(request, response, callback, body -> {
                origins.check(request);
                return WebRouter.json(response, callback, run(json.tree(body)));
            });
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            throw new MicroException(WebDashboard.ERRORS.id(), 405, "/cli takes GET (the commands) or POST {\"line\": ...}");
        }
        List<Map<String, Object>> listed = commands.all().stream().map(command -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", command.name());
            entry.put("usage", command.usage());
            entry.put("description", command.description());
            return entry;
        }).toList();
        return WebRouter.json(response, callback, Map.of("commands", listed));
    }

    private Map<String, Object> run(JsonNode body) {
        JsonNode line = body.path("line");
        if (!line.isTextual() || line.asText().isBlank()) {
            throw MicroException.badRequest(WebDashboard.ERRORS.id(), "POST /cli takes {\"line\": \"list services\"}");
        }
        List<String> words = CommandLine.words(line.asText());
        String name = words.get(0).toLowerCase(java.util.Locale.ROOT);
        Command command = commands.find(name).orElseThrow(() -> MicroException.notFound(WebDashboard.ERRORS.id(),
                name + ": command not found (try help)"));
        return Map.of("output", command.run(words.subList(1, words.size())));
    }
}
