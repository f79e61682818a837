package micro.shell.karaf.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Command(scope = "micro", name = "list", description = "List the services in the registry, with their versions.")
@Service
public final class ListAction extends MicroAction {

    @Argument(index = 0, name = "what", description = "What to list: services", required = true)
    @Completion(value = StringsCompleter.class, values = { "services" })
    String what;

    @Override
    String command() {
        return "list";
    }

    @Override
    List<String> args() {
        return List.of(what);
    }
}
