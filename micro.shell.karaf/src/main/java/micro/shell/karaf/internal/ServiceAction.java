package micro.shell.karaf.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;

/** A {@code micro:} command about one service, named by its only argument (health, stats). */
abstract class ServiceAction extends MicroAction {

    @Argument(index = 0, name = "name", description = "The service's name", required = true)
    @Completion(ServiceNameCompleter.class)
    String name;

    @Override
    List<String> args() {
        return List.of(name);
    }
}
