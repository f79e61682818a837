package micro.api.bot;

import java.util.function.Consumer;

/**
 * A chat system the bot listens on, published as an OSGi service with property {@link #NAME} by the
 * bundle that speaks it, configured by that bundle's own PID (server, account, rooms). The bot opens
 * each input it is told to use and closes it when the input's service goes or the bot stops.
 */
public interface Input {

    /** Service property: the input's name as {@code --inputs} names it, e.g. {@code xmpp}. */
    String NAME = "micro.bot.input";

    /** The input's name, the same as its {@link #NAME} property. */
    String name();

    /**
     * Connects and stays connected until the answer is closed: after a failure or a server restart
     * the input connects again by itself, with a growing pause, and joins its rooms again. Every
     * message meant for the bot reaches {@code listener}, on the input's own thread.
     */
    Conversation open(Consumer<ChatMessage> listener);

    /** An open input: where replies go. */
    interface Conversation extends AutoCloseable {

        /** Answers {@code to}: in its room when it came from one, else to its writer directly. */
        void reply(ChatMessage to, String text);

        /** Whether the input is connected and would deliver a reply now. */
        boolean connected();

        /** Disconnects and stops reconnecting. */
        @Override
        void close();
    }
}
