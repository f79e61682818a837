package micro.shell.karaf.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "micro", name = "stream", description = "Open a stream to an endpoint with a JSON request and show every message it "
        + "sends, e.g. micro:stream micro.srv.greeter Say.Stream '{\"name\":\"John\",\"count\":3}'.")
@Service
public final class StreamAction extends MicroAction {

    @Argument(index = 0, name = "service", description = "The service's name", required = true)
    @Completion(ServiceNameCompleter.class)
    String service;

    @Argument(index = 1, name = "endpoint", description = "The streaming endpoint, e.g. Say.Stream", required = true)
    @Completion(EndpointCompleter.class)
    String endpoint;

    @Argument(index = 2, name = "request", description = "The request as JSON (default {})")
    String request;

    @Override
    String command() {
        return "stream";
    }

    @Override
    List<String> args() {
        return words(service, endpoint, request);
    }
}
