package micro.bench.unary;

import java.nio.ByteBuffer;

import com.fasterxml.jackson.databind.ObjectMapper;

import micro.bench.Payload;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The floor of our own stack: a bare Jetty 12 handler doing the same JSON greeting with Jackson, with
 * none of micro's routing, codecs or error handling. {@code FloorServerMain PORT}.
 */
public final class FloorServerMain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FloorServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract(Handler.Abstract.InvocationType.BLOCKING) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Hello hello = JSON.readValue(Content.Source.asInputStream(request), Hello.class);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(JSON.writeValueAsBytes(new Greeting(Payload.greeting(hello.name())))),
                        callback);
                return true;
            }
        });
        server.start();
        server.join();
    }
}
