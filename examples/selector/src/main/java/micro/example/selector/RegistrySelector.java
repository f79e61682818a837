package micro.example.selector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import micro.api.registry.Node;
import micro.api.registry.Registry;
import micro.api.registry.Service;
import micro.api.selector.NoneAvailableException;
import micro.api.selector.Next;
import micro.api.selector.SelectOptions;
import micro.api.selector.Selector;
import micro.api.selector.ServiceNotFoundException;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * A selector plugin as a third party would write one against {@code micro.api} alone: it asks the
 * registry at every call (go-micro's registry selector: no cache, so no staleness, at the price of a
 * registry read per call) and tries the nodes in a random order. Ranked 200, above the built-in
 * caching selector, so installing this bundle moves every client and gateway to it at run time, and
 * removing it moves them back, without a restart.
 */
@Component(service = Selector.class, property = { "service.ranking:Integer=200", "micro.selector=registry" })
public final class RegistrySelector implements Selector {

    // Dynamic + greedy, as every plugin: the best registry, swapped without restarting this selector.
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Registry registry;

    @Override
    public Next select(String service, SelectOptions options) {
        List<Service> versions = registry.getService(service);
        if (versions.isEmpty()) {
            throw new ServiceNotFoundException(service);
        }
        List<Node> nodes = new ArrayList<>();
        for (Service version : versions) {
            for (Node node : version.nodes()) {
                if (options.filter() == null || options.filter().test(node)) {
                    nodes.add(node);
                }
            }
        }
        if (nodes.isEmpty()) {
            throw new NoneAvailableException(service);
        }
        Collections.shuffle(nodes);
        Iterator<Node> order = nodes.iterator();
        return () -> {
            if (!order.hasNext()) {
                throw new NoneAvailableException(service);
            }
            return order.next();
        };
    }

    /** Nothing is remembered between calls, so nothing to mark or reset. */
    @Override
    public void mark(String service, Node node, Throwable error) {
    }

    @Override
    public void reset(String service) {
    }
}
