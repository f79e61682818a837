package micro.shell.karaf.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "micro", name = "routes", description = "Show how the API gateway resolves a path: handler, service, endpoint, "
        + "and whether the registry knows it, e.g. micro:routes /greeter/say/hello.")
@Service
public final class RoutesAction extends MicroAction {

    @Argument(index = 0, name = "path", description = "The request path", required = true)
    @Completion(GatewayPathCompleter.class)
    String path;

    @Override
    String command() {
        return "routes";
    }

    @Override
    List<String> args() {
        return List.of(path);
    }
}
