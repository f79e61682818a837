package micro.gateway.internal;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One way of serving a request (rpc, api, proxy, event, /rpc); errors are written as JSON. */
interface GatewayHandler {

    boolean handle(Request request, Response response, Callback callback) throws Exception;
}
