package micro.shell.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import micro.api.broker.Broker;
import micro.api.client.Client;
import micro.api.command.Command;
import micro.api.registry.Registry;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Publishes the shell's commands ({@link ShellCommands}) as one {@link Command} service each, with
 * property {@value Command#NAME}, while the shell bundle runs.
 */
@Component(service = {})
public final class CommandServices {

    // Dynamic + greedy: a swapped registry or broker is used at once.
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Registry registry;

    @Reference
    private Client client;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Broker broker;

    private final List<ServiceRegistration<Command>> published = new ArrayList<>();

    @Activate
    void activate(BundleContext context) {
        for (Command command : ShellCommands.of(() -> new CommandTexts(registry, client, broker))) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(Command.NAME, command.name());
            published.add(context.registerService(Command.class, command, properties));
        }
    }

    @Deactivate
    void deactivate() {
        published.forEach(ServiceRegistration::unregister);
        published.clear();
    }
}
