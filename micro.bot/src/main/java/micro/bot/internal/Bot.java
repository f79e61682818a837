package micro.bot.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import micro.api.bot.ChatMessage;
import micro.api.bot.Input;
import micro.api.client.Client;
import micro.api.command.Command;
import micro.api.registry.Registry;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * micro's chat bot: listens on every {@link Input} it is told to use (XMPP, IRC, Slack, or a plugin's),
 * and answers {@code help}, {@code list services}, {@code query ...} and the other {@link Command}s,
 * plus the services of its namespace as commands. Inputs and commands come and go with their bundles;
 * settings apply live. Commands run on a small bounded pool, never on an input's thread.
 */
@Component(service = Bot.class, configurationPid = "micro.bot", immediate = true)
@Designate(ocd = Bot.Config.class)
public final class Bot {

    private static final Logger LOG = LoggerFactory.getLogger(Bot.class);
    private static final int WORKERS = 4;
    private static final int QUEUED = 64;

    @ObjectClassDefinition(name = "micro bot", description = "Operate micro from chat: XMPP, IRC, Slack.")
    public @interface Config {
        @AttributeDefinition(name = "Inputs", description = "Inputs to listen on, e.g. xmpp,irc,slack; empty for every input installed.")
        String inputs() default "";

        @AttributeDefinition(name = "Namespace", description = "Services NAMESPACE.CMD with Command.Help and Command.Exec "
                + "endpoints become command CMD.")
        String namespace() default "micro.bot";

        @AttributeDefinition(name = "Allowed users", description = "Users who may talk to the bot, comma separated, as the chat "
                + "names them (alice@localhost in XMPP, the nick in IRC), or INPUT:USER for one input. Empty: nobody.")
        String allow() default "";

        @AttributeDefinition(name = "Admins", description = "Users who may also run commands that call or change things "
                + "(query, call, stream, publish, register, deregister, service commands).")
        String admins() default "";

        @AttributeDefinition(name = "Rate limit", description = "Commands a user may send per minute.")
        int rate_limit() default 20;

        @AttributeDefinition(name = "Reply lines", description = "Longest reply in lines; the rest is cut with '... (N more lines)'.")
        int reply_lines() default 30;

        @AttributeDefinition(name = "Reply characters", description = "Longest reply in characters.")
        int reply_chars() default 3000;
    }

    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED), runnable -> {
                Thread thread = new Thread(runnable, "micro-bot");
                thread.setDaemon(true);
                return thread;
            });
    private final Map<Input, Input.Conversation> open = new LinkedHashMap<>(); // guarded by this
    private final NamespaceCommands namespaceCommands;
    private final CommandBook book;
    private volatile Dispatcher dispatcher;
    private volatile Registry registry;
    private boolean active; // guarded by this

    @Reference
    private volatile Client client;

    public Bot() {
        workers.allowCoreThreadTimeOut(true);
        namespaceCommands = new NamespaceCommands("micro.bot", () -> client, workers);
        book = new CommandBook(namespaceCommands);
    }

    @Activate
    void activate(Config config) {
        BotSettings settings = BotSettings.of(config);
        apply(settings);
        synchronized (this) {
            active = true;
            List.copyOf(open.keySet()).forEach(this::openIfWanted);
        }
    }

    @Modified
    void modified(Config config) {
        BotSettings settings;
        try {
            settings = BotSettings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("{}; keeping the settings in force", e.getMessage());
            return;
        }
        apply(settings);
        synchronized (this) {
            for (Input input : List.copyOf(open.keySet())) {
                if (settings.opens(input.name())) {
                    openIfWanted(input);
                } else {
                    closeConversation(input);
                }
            }
        }
    }

    private void apply(BotSettings settings) {
        dispatcher = new Dispatcher(book, settings, new RateLimit(settings.perMinute(), System::nanoTime));
        namespaceCommands.follow(registry, settings.namespace());
        if (settings.access().nobodyAllowed()) {
            LOG.warn("micro.bot: allow and admins are empty, so the bot answers nobody; set allow (--bot_allow) to let users in");
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            active = false;
            List.copyOf(open.keySet()).forEach(this::closeConversation);
        }
        namespaceCommands.close();
        workers.shutdownNow();
    }

    // Dynamic + greedy: service commands come from the registry the servers write to, after a swap too.
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindRegistry(Registry registry) {
        this.registry = registry;
        Dispatcher current = dispatcher;
        if (current != null) {
            namespaceCommands.follow(registry, current.settings().namespace());
        }
    }

    void unbindRegistry(Registry registry) {
        if (this.registry == registry) {
            this.registry = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCommand(Command command, Map<String, Object> properties) {
        book.addService(command, properties);
    }

    void unbindCommand(Command command, Map<String, Object> properties) {
        book.removeService(properties);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindInput(Input input) {
        open.put(input, null);
        openIfWanted(input);
    }

    synchronized void unbindInput(Input input) {
        closeConversation(input);
        open.remove(input);
    }

    /** The inputs and whether each is connected, for {@code Bot.Status}. */
    synchronized Map<String, Boolean> inputs() {
        Map<String, Boolean> inputs = new LinkedHashMap<>();
        open.forEach((input, conversation) -> inputs.put(input.name(), conversation != null && conversation.connected()));
        return inputs;
    }

    List<Command> commands() {
        return book.all();
    }

    private void openIfWanted(Input input) { // holds this
        Dispatcher current = dispatcher;
        if (!active || open.get(input) != null || current == null || !current.settings().opens(input.name())) {
            return;
        }
        String name = input.name();
        LOG.info("micro.bot: listening on input {}", name);
        // A message may come before open() returns: answers wait for the conversation they go to.
        CompletableFuture<Input.Conversation> replies = new CompletableFuture<>();
        Input.Conversation conversation = input.open(message -> onMessage(name, replies, message));
        replies.complete(conversation);
        open.put(input, conversation);
    }

    private void closeConversation(Input input) { // holds this
        Input.Conversation conversation = open.put(input, null);
        if (conversation != null) {
            LOG.info("micro.bot: leaving input {}", input.name());
            conversation.close();
        }
    }

    private void onMessage(String input, CompletableFuture<Input.Conversation> replies, ChatMessage message) {
        try {
            workers.execute(() -> answer(input, replies.join(), message));
        } catch (RejectedExecutionException e) {
            replies.thenAccept(conversation -> conversation.reply(message, "busy: too many commands are running; try again in a moment"));
        }
    }

    private void answer(String input, Input.Conversation conversation, ChatMessage message) {
        try {
            dispatcher.answer(input, message).ifPresent(text -> conversation.reply(message, text));
        } catch (RuntimeException e) {
            LOG.warn("micro.bot: answering {} on {} failed", message.from(), input, e);
        }
    }
}
