package micro.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import micro.api.MicroException;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets {@code micro.jar list services} and friends, run in another terminal, act on a running host:
 * {@code POST /command} with a JSON array of arguments runs the matching {@code micro:} Gogo command
 * and answers its output as text, or a JSON error. Only started when configured (the embedded host
 * does; Karaf users have the shell itself), and on a loopback address by default.
 */
@Component(service = CommandEndpoint.class, configurationPid = "micro.shell.endpoint", immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CommandEndpoint.Config.class)
public final class CommandEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(CommandEndpoint.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;

    @ObjectClassDefinition(name = "micro command endpoint", description = "Where micro.jar commands reach a running host.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "host:port the endpoint listens on.")
        String address() default "127.0.0.1:8089";
    }

    private final CommandProcessor processor;
    private final Server server;

    @Activate
    public CommandEndpoint(Config config, @Reference CommandProcessor processor) throws Exception {
        this.processor = processor;
        String address = config.address();
        int colon = address.lastIndexOf(':');
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("micro-command-endpoint");
        threads.setDaemon(true);
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(colon <= 0 ? "127.0.0.1" : address.substring(0, colon));
        connector.setPort(Integer.parseInt(address.substring(colon + 1)));
        server.addConnector(connector);
        server.setHandler(new CommandHandler());
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw new IllegalStateException("cannot listen for micro commands on " + address + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        LOG.info("micro commands accepted on {}", address);
    }

    @Deactivate
    void deactivate() throws Exception {
        server.stop();
    }

    /** Runs one command; the text it printed or returned, or the failure. */
    String run(List<String> args) throws Exception {
        String line = CommandLine.toGogo(args);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
                CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out)) {
            Object result = session.execute(line);
            out.flush();
            String text = printed.toString(StandardCharsets.UTF_8);
            if (result != null) {
                text += result instanceof CharSequence ? result.toString() : session.format(result, Converter.INSPECT);
            }
            return text;
        }
    }

    private final class CommandHandler extends Handler.Abstract {

        CommandHandler() {
            super(InvocationType.BLOCKING);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!HttpMethod.POST.is(request.getMethod()) || !"/command".equals(request.getHttpURI().getPath())) {
                return reply(response, callback, error(404, "send commands as POST /command with a JSON array of arguments"));
            }
            List<String> args;
            try {
                byte[] body = Content.Source.asInputStream(request).readNBytes(MAX_REQUEST_BYTES);
                args = MAPPER.readValue(body, new TypeReference<List<String>>() {
                });
            } catch (Exception e) {
                return reply(response, callback, error(400, "the body must be a JSON array of strings: " + e.getMessage()));
            }
            try {
                String output = run(args);
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                response.write(true, ByteBuffer.wrap(output.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            } catch (MicroException e) {
                return reply(response, callback, e);
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                if (message != null && message.startsWith("Cannot coerce")) {
                    message = "wrong arguments for micro:" + args.get(0) + "\n\nusage:\n" + CommandTexts.USAGE;
                }
                return reply(response, callback, error(400, message));
            } catch (Exception e) {
                String message = e.getMessage() != null ? e.getMessage() : e.toString();
                if (e.getClass().getSimpleName().equals("CommandNotFoundException")) {
                    message = "unknown command '" + args.get(0) + "'\n\nusage:\n" + CommandTexts.USAGE;
                    return reply(response, callback, error(404, message));
                }
                return reply(response, callback, error(500, message));
            }
        }

        private MicroException error(int code, String detail) {
            return new MicroException("micro.shell", code, detail);
        }

        private boolean reply(Response response, Callback callback, MicroException error) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", error.id());
            body.put("code", error.code());
            body.put("detail", error.detail());
            body.put("status", error.status());
            response.setStatus(error.code());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(MAPPER.writeValueAsBytes(body)), callback);
            return true;
        }
    }

}
