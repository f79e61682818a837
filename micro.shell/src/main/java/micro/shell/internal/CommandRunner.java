package micro.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import micro.api.MicroException;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * Runs one {@code micro:} command given as arguments in a fresh Gogo session and answers what it
 * printed or returned; misuse and failures become a {@link MicroException} with a fitting code
 * (404 unknown command, 400 misuse, the command's own code, else 500), told apart by type.
 */
final class CommandRunner {

    private final CommandProcessor processor;
    private final CommandVerbs verbs;

    /** {@code verbs}: the commands of scope {@code micro} there are. */
    CommandRunner(CommandProcessor processor, CommandVerbs verbs) {
        this.processor = processor;
        this.verbs = verbs;
    }

    String run(List<String> args) {
        CommandLine command;
        try {
            command = CommandLine.of(args);
        } catch (IllegalArgumentException e) {
            throw MicroException.badRequest("micro.shell", e.getMessage());
        }
        if (!verbs.contains(command.verb())) {
            throw MicroException.notFound("micro.shell", "unknown command '" + command.verb() + "'\n\nusage:\n" + CommandTexts.USAGE);
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
                CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out)) {
            command.variables().forEach(session::put);
            Object result = session.execute(command.line());
            out.flush();
            String text = printed.toString(StandardCharsets.UTF_8);
            if (result != null) {
                text += result instanceof CharSequence ? result.toString() : session.format(result, Converter.INSPECT);
            }
            return text;
        } catch (MicroException e) {
            throw e;
        } catch (Exception e) {
            throw asMicro(e, command.verb());
        }
    }

    private static MicroException asMicro(Exception e, String verb) {
        if (e instanceof CommandMisuse misuse) {
            return MicroException.badRequest("micro.shell", misuse.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            // The verb is known (checked before running), so this is Gogo finding no method of it that
            // takes these arguments.
            return MicroException.badRequest("micro.shell", "wrong arguments for micro:" + verb + "\n\nusage:\n" + CommandTexts.USAGE);
        }
        return MicroException.internal("micro.shell", e.getMessage() != null ? e.getMessage() : e.toString());
    }
}
