package micro.shell.karaf.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "micro", name = "query", description = "Call an endpoint of a service with a JSON request and show the reply, "
        + "e.g. micro:query micro.srv.greeter Say.Hello '{\"name\":\"John\"}'.")
@Service
public class QueryAction extends MicroAction {

    @Argument(index = 0, name = "service", description = "The service's name", required = true)
    @Completion(ServiceNameCompleter.class)
    String service;

    @Argument(index = 1, name = "endpoint", description = "The endpoint, e.g. Say.Hello (Say.Stream for micro:stream)", required = true)
    @Completion(EndpointCompleter.class)
    String endpoint;

    @Argument(index = 2, name = "request", description = "The request as JSON (default {})")
    String request;

    @Override
    String command() {
        return "query";
    }

    @Override
    List<String> args() {
        return words(service, endpoint, request);
    }
}
