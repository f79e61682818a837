package micro.shell.karaf.internal;

import java.util.List;

import micro.api.registry.Registry;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the gateway paths of the services in its namespace, read from the live registry at each Tab. */
@Service
public final class GatewayPathCompleter implements Completer {

    @Reference
    Registry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(RegistryCompletions.gatewayPaths(registry)).complete(session, commandLine, candidates);
    }
}
