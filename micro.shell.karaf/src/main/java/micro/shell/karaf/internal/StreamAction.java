package micro.shell.karaf.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code micro:stream}: the arguments of {@code micro:query}, to a streaming endpoint. */
@Command(scope = "micro", name = "stream", description = "Open a stream to an endpoint with a JSON request and show every message it "
        + "sends, e.g. micro:stream micro.srv.greeter Say.Stream '{\"name\":\"John\",\"count\":3}'.")
@Service
public final class StreamAction extends QueryAction {

    @Override
    String command() {
        return "stream";
    }
}
