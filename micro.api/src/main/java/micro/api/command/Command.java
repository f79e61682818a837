package micro.api.command;

import java.util.List;

import micro.api.MicroException;

/**
 * One of micro's commands, published as an OSGi service with property {@link #NAME}: the shell's
 * {@code list}, {@code get}, {@code query}, {@code health}, {@code stream}, {@code publish},
 * {@code register} and {@code deregister}, the gateway's {@code routes}, or a plugin's own. A tool
 * that runs commands for people (the chat bot) follows these services, so a command is there while
 * its bundle runs; when two share a name, the one of highest {@code service.ranking} answers.
 */
public interface Command {

    /** Service property: the command's name, the first word people type, e.g. {@code list}. */
    String NAME = "micro.command";

    /** The command's name, the same as its {@link #NAME} property. */
    String name();

    /** How to call it, starting with its name, e.g. {@code query NAME ENDPOINT [JSON]}. */
    String usage();

    /** One line on what it does. */
    String description();

    /**
     * True when the command calls services or changes the system ({@code query}, {@code publish},
     * {@code register}); tools that let many people run commands keep those to their admins.
     */
    boolean acts();

    /**
     * Runs the command with the words that follow its name and answers the text to show.
     *
     * @throws MicroException with code 400 and the usage when called the wrong way, 404 when what it
     *         names does not exist, or the code of the call that failed
     */
    String run(List<String> args);

    /**
     * Runs the command as {@link #run} does and answers its text together with the same answer as
     * data, for {@code --json} and tables; by default the text alone.
     */
    default Answer answer(List<String> args) {
        return Answer.text(run(args));
    }
}
