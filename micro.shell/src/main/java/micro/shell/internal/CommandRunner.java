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
 * (400 misuse, 404 unknown command, the command's own code, else 500).
 */
final class CommandRunner {

    private final CommandProcessor processor;

    CommandRunner(CommandProcessor processor) {
        this.processor = processor;
    }

    String run(List<String> args) {
        CommandLine command;
        try {
            command = CommandLine.of(args);
        } catch (IllegalArgumentException e) {
            throw MicroException.badRequest("micro.shell", e.getMessage());
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
        // By name: the shell must not need Gogo's runtime package to resolve (it subclasses IllegalArgumentException).
        if (e.getClass().getSimpleName().equals("CommandNotFoundException")) {
            return MicroException.notFound("micro.shell", "unknown command '" + verb + "'\n\nusage:\n" + CommandTexts.USAGE);
        }
        if (e instanceof IllegalArgumentException) {
            String message = e.getMessage();
            if (message != null && message.startsWith("Cannot coerce")) {
                message = "wrong arguments for micro:" + verb + "\n\nusage:\n" + CommandTexts.USAGE;
            }
            return MicroException.badRequest("micro.shell", message);
        }
        return MicroException.internal("micro.shell", e.getMessage() != null ? e.getMessage() : e.toString());
    }
}
