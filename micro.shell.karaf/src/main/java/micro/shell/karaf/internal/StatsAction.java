package micro.shell.karaf.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "micro", name = "stats", description = "Show Debug.Stats of every node of a service: start, uptime, memory, threads, GC.")
@Service
public final class StatsAction extends ServiceAction {

    @Override
    String command() {
        return "stats";
    }
}
