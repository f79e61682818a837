package micro.shell.karaf.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "micro", name = "register", description = "Register a service given as go-micro's JSON, or in a file of it.")
@Service
public final class RegisterAction extends ServiceFileAction {

    @Override
    String command() {
        return "register";
    }
}
