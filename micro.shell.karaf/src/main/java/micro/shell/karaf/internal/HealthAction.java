package micro.shell.karaf.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "micro", name = "health", description = "Call Debug.Health on every node of a service.")
@Service
public final class HealthAction extends MicroAction {

    @Argument(index = 0, name = "name", description = "The service's name", required = true)
    @Completion(ServiceNameCompleter.class)
    String name;

    @Override
    String command() {
        return "health";
    }

    @Override
    List<String> args() {
        return List.of(name);
    }
}
