package micro.bench.gateway;

import java.util.Map;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The floor of a gateway built from Jetty's parts: Jetty 12's own reverse proxy ({@code ProxyHandler.Reverse},
 * a Jetty server handing each request to a Jetty client) in front of one node, adding the headers
 * that name the service and endpoint, as nginx's configuration does; no routing, registry or selector.
 * What micro's gateway spends above it is ours; what it spends is the price of this design.
 * {@code FloorProxyMain PORT NODE_PORT SERVICE ENDPOINT}.
 */
public final class FloorProxyMain {

    private FloorProxyMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        HttpURI node = HttpURI.from("http://127.0.0.1:" + Integer.parseInt(args[1]) + "/");
        Map<String, String> headers = Map.of("Micro-Service", args[2], "Micro-Endpoint", args[3]);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new ProxyHandler.Reverse(request -> node) {
            @Override
            protected void addProxyHeaders(org.eclipse.jetty.server.Request clientToProxyRequest,
                    org.eclipse.jetty.client.Request proxyToServerRequest) {
                super.addProxyHeaders(clientToProxyRequest, proxyToServerRequest);
                proxyToServerRequest.headers(fields -> headers.forEach(fields::put));
            }
        });
        server.start();
        server.join();
    }
}
