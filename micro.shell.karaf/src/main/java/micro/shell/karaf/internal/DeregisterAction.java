package micro.shell.karaf.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "micro", name = "deregister", description = "Deregister the nodes of a service given as go-micro's JSON, or in a file.")
@Service
public final class DeregisterAction extends ServiceFileAction {

    @Override
    String command() {
        return "deregister";
    }
}
