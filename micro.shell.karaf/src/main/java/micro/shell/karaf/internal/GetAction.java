package micro.shell.karaf.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Command(scope = "micro", name = "get", description = "Show a service from the registry: its versions, nodes, endpoints and schemas.")
@Service
public final class GetAction extends MicroAction {

    @Argument(index = 0, name = "what", description = "What to get: service", required = true)
    @Completion(value = StringsCompleter.class, values = { "service" })
    String what;

    @Argument(index = 1, name = "name", description = "The service's name", required = true)
    @Completion(ServiceNameCompleter.class)
    String name;

    @Override
    String command() {
        return "get";
    }

    @Override
    List<String> args() {
        return List.of(what, name);
    }
}
