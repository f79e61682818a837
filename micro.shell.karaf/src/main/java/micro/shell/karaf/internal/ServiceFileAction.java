package micro.shell.karaf.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * {@code micro:register} and {@code micro:deregister}: the service as go-micro's JSON, or in a file,
 * which the shell reads (it is the operator's own shell) and hands on as JSON.
 */
abstract class ServiceFileAction extends MicroAction {

    @Argument(index = 0, name = "what", description = "What to (de)register: service", required = true)
    @Completion(value = StringsCompleter.class, values = { "service" })
    String what;

    @Argument(index = 1, name = "service", description = "The service as go-micro's JSON, or a file holding it", required = true)
    @Completion(FileCompleter.class)
    String service;

    @Override
    List<String> args() {
        if (service.stripLeading().startsWith("{")) {
            return List.of(what, service);
        }
        try {
            return List.of(what, Files.readString(Path.of(service)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + service + ": " + e.getMessage(), e);
        }
    }
}
