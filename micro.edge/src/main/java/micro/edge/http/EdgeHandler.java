package micro.edge.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One way of serving a request of an edge (rpc, api, proxy, event, /rpc); errors escape as MicroExceptions and are written as JSON. */
public interface EdgeHandler {

    boolean handle(Request request, Response response, Callback callback) throws Exception;
}
