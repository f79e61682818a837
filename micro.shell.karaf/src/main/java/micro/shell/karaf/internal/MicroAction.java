package micro.shell.karaf.internal;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import micro.api.MicroException;
import micro.api.command.Answer;
import micro.api.command.Command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * A {@code micro:} command of the Karaf shell: Karaf parses its arguments and options (and prints
 * {@code --help}, usage on misuse, completion), the {@link Command} service of the same name does the
 * work — the one the bot, the web CLI and {@code micro.jar} run — and this prints its answer: a
 * table (tab-separated rows with {@code --no-format}), JSON with {@code --json}, else its text.
 */
abstract class MicroAction implements Action {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Reference
    BundleContext context;

    @Option(name = "--json", description = "Print the answer as JSON, for programs")
    boolean json;

    @Option(name = "--no-format", description = "Print tables as tab-separated rows without header or padding, for scripts")
    boolean noFormat;

    /** The name of the {@link Command} service that answers. */
    abstract String command();

    /** The words the command gets, from this action's arguments. */
    abstract List<String> args();

    @Override
    public Object execute() throws Exception {
        ServiceReference<Command> reference = best(context, command());
        Command command = context.getService(reference);
        if (command == null) {
            throw new IllegalStateException("the command " + command() + " just went away; try again");
        }
        try {
            print(command.answer(args()), System.out);
        } catch (MicroException e) {
            throw new IllegalStateException(e.detail().replace("\nusage: ", "\nusage: micro:"), e);
        } finally {
            context.ungetService(reference);
        }
        return null;
    }

    void print(Answer answer, PrintStream out) throws Exception {
        if (json) {
            out.println(JSON.writeValueAsString(answer.data()));
        } else if (answer.table() != null && noFormat) {
            // For scripts: one line a row, cells split by a tab, no header and no padding.
            answer.table().rows().forEach(row -> out.println(String.join("\t", row)));
        } else if (answer.table() != null) {
            ShellTable table = new ShellTable().emptyTableText("(none)");
            answer.table().columns().forEach(table::column);
            for (List<String> row : answer.table().rows()) {
                table.addRow().addContent(row.toArray());
            }
            table.print(out, true);
        } else if (!answer.text().isEmpty()) {
            out.println(answer.text().endsWith("\n") ? answer.text().substring(0, answer.text().length() - 1) : answer.text());
        }
    }

    /** The best {@link Command} service named {@code name}: the highest ranking, then the oldest. */
    static ServiceReference<Command> best(BundleContext context, String name) throws InvalidSyntaxException {
        return context.getServiceReferences(Command.class, "(" + Command.NAME + "=" + name + ")").stream()
                .max(Comparator.naturalOrder()).orElseThrow(() -> new IllegalStateException("the command " + name
                        + " is not available here (is its bundle started? the gateway's routes needs micro-gateway)"));
    }

    /** Optional trailing arguments, left out when not given. */
    static List<String> words(String... words) {
        return Arrays.stream(words).filter(word -> word != null).toList();
    }
}
