package micro.shell.karaf.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "micro", name = "health", description = "Call Debug.Health on every node of a service.")
@Service
public final class HealthAction extends ServiceAction {

    @Override
    String command() {
        return "health";
    }
}
