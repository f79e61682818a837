package micro.shell.karaf.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code micro:call}, the name micro later gave {@code query}. */
@Command(scope = "micro", name = "call", description = "Call an endpoint of a service with a JSON request (the same as micro:query).")
@Service
public final class CallAction extends QueryAction {

    @Override
    String command() {
        return "call";
    }
}
