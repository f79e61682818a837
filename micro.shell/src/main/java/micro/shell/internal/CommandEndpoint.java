package micro.shell.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import micro.api.MicroException;
import micro.api.command.Command;
import micro.api.command.CommandSet;
import micro.api.edge.Edge;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
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
 * Lets {@code micro.jar list services} and friends, run in another terminal, act on a running host:
 * {@code POST /command} with a JSON array of arguments runs the {@link Command} service the first
 * names and answers its output as text, or a JSON error. Only the user who started the host can use it
 * ({@link EndpointGuard}: a token file, no web pages, loopback Host names). Only started when
 * configured (the embedded host does; Karaf users have the shell itself), on loopback by default.
 */
@Component(service = Edge.class, configurationPid = "micro.shell.endpoint", immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = Edge.NAME + "=" + Edge.COMMANDS)
@Designate(ocd = CommandEndpoint.Config.class)
public final class CommandEndpoint implements Edge {

    private static final Logger LOG = LoggerFactory.getLogger(CommandEndpoint.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;
    private static final List<String> FILE_VERBS = List.of("register", "deregister");

    @ObjectClassDefinition(name = "micro command endpoint", description = "Where micro.jar commands reach a running host.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "host:port the endpoint listens on.")
        String address() default "127.0.0.1:8089";

        @AttributeDefinition(name = "Token file", description = "Where the secret that commands must present is written "
                + "(owner-only); empty for ~/.micro/command-PORT.token.")
        String token_file() default "";
    }

    private final CommandSet commands = new CommandSet();
    private final CommandRunner runner = new CommandRunner(commands);
    private final Server server;
    private final CommandToken token;
    private final String url;

    @Activate
    public CommandEndpoint(Config config) throws Exception {
        String address = config.address();
        int colon = address.lastIndexOf(':');
        String host = colon <= 0 ? "127.0.0.1" : address.substring(0, colon);
        int port = parsePort(address.substring(colon + 1), address);
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("micro-command-endpoint");
        threads.setDaemon(true);
        threads.setIdleTimeout(5_000);
        threads.setMaxEvictCount(16);
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(10_000);
        server.addConnector(connector);
        try {
            connector.open(); // the port first: a second host on the same port fails here and cannot replace the token
            int bound = connector.getLocalPort();
            token = CommandToken.create(config.token_file().isBlank() ? CommandToken.defaultFile(bound)
                    : Path.of(config.token_file()));
            server.setHandler(new CommandHandler(new EndpointGuard(token, host, bound)));
            server.start();
        } catch (Exception e) {
            server.stop();
            throw new IllegalStateException("cannot listen for micro commands on " + address + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        url = "http://" + host + ":" + connector.getLocalPort();
        LOG.info("micro commands accepted on {} (token in {})", address, token.file());
    }

    /** Every command there is: the shell's, the gateway's routes, a plugin's, as they come and go. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCommand(Command command, Map<String, Object> properties) {
        commands.add(command, properties);
    }

    void removeCommand(Command command, Map<String, Object> properties) {
        commands.remove(properties);
    }

    @Override
    public String name() {
        return Edge.COMMANDS;
    }

    @Override
    public String address() {
        return url;
    }

    @Deactivate
    void deactivate() throws Exception {
        server.stop();
        token.close();
    }

    private static int parsePort(String text, String address) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("micro.shell.endpoint address " + address + " is not host:port with a port of 0-65535");
    }

    private final class CommandHandler extends Handler.Abstract {

        private final EndpointGuard guard;

        CommandHandler(EndpointGuard guard) {
            super(InvocationType.BLOCKING);
            this.guard = guard;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            try {
                guard.check(request);
                if (!HttpMethod.POST.is(request.getMethod()) || !"/command".equals(request.getHttpURI().getPath())) {
                    throw MicroException.notFound("micro.shell", "send commands as POST /command with a JSON array of arguments");
                }
                List<String> args = remoteArguments(body(request));
                boolean json = wantsJson(request);
                byte[] output = json ? MAPPER.writeValueAsBytes(runner.answer(args).data())
                        : runner.run(args).getBytes(StandardCharsets.UTF_8);
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, json ? "application/json" : "text/plain; charset=utf-8");
                response.write(true, ByteBuffer.wrap(output), callback);
                return true;
            } catch (MicroException e) {
                return reply(response, callback, e);
            }
        }

        /** micro.jar's {@code --json}: the answer as data rather than text. */
        private static boolean wantsJson(Request request) {
            String accept = request.getHeaders().get(HttpHeader.ACCEPT);
            return accept != null && accept.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
        }

        private List<String> body(Request request) {
            if (request.getLength() > MAX_REQUEST_BYTES) {
                throw tooLarge();
            }
            byte[] body;
            try {
                body = Content.Source.asInputStream(request).readNBytes(MAX_REQUEST_BYTES + 1);
            } catch (IOException e) {
                throw new MicroException("micro.shell", 408, "the command did not arrive: " + e.getMessage());
            }
            if (body.length > MAX_REQUEST_BYTES) {
                throw tooLarge();
            }
            try {
                return MAPPER.readValue(body, new TypeReference<List<String>>() {
                });
            } catch (IOException e) {
                throw MicroException.badRequest("micro.shell", "the body must be a JSON array of strings: " + e.getMessage());
            }
        }

        /** The host opens no file named by a remote command: micro.jar sends the file's content instead. */
        private List<String> remoteArguments(List<String> args) {
            if (args != null && args.size() == 3 && FILE_VERBS.contains(args.get(0)) && args.get(2) != null
                    && !args.get(2).stripLeading().startsWith("{")) {
                throw MicroException.badRequest("micro.shell", args.get(0) + " through the command endpoint takes "
                        + "the service as JSON, not a file name: micro.jar reads the file and sends its content");
            }
            return args == null ? List.of() : args;
        }

        private MicroException tooLarge() {
            return new MicroException("micro.shell", 413, "a command may be at most " + MAX_REQUEST_BYTES + " bytes");
        }

        private boolean reply(Response response, Callback callback, MicroException error) throws Exception {
            response.setStatus(error.code());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(MAPPER.writeValueAsBytes(micro.api.transport.RemoteErrors.fields(error))),
                    callback);
            return true;
        }
    }
}
