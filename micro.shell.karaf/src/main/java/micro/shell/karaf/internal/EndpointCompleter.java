package micro.shell.karaf.internal;

import java.util.List;

import micro.api.registry.Registry;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the endpoints of the service named by the argument before the cursor, from the live registry. */
@Service
public final class EndpointCompleter implements Completer {

    @Reference
    Registry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String service = serviceBefore(commandLine);
        List<String> endpoints = service == null ? List.of() : RegistryCompletions.endpoints(registry, service);
        return new StringsCompleter(endpoints).complete(session, commandLine, candidates);
    }

    /** The last word before the cursor that is not an option: the service the endpoint belongs to. */
    static String serviceBefore(CommandLine commandLine) {
        String[] words = commandLine.getArguments();
        for (int i = commandLine.getCursorArgumentIndex() - 1; i > 0; i--) {
            if (!words[i].startsWith("-")) {
                return words[i];
            }
        }
        return null;
    }
}
