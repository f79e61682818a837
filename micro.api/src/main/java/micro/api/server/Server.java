package micro.api.server;

import java.util.List;

import micro.api.registry.Service;

import org.osgi.annotation.versioning.ProviderType;

/** The running server: what it serves and where. Handlers are added through the whiteboard. */
@ProviderType
public interface Server {

    /** The address its nodes advertise, or null while no transport listens. */
    String address();

    /** The services it serves, with endpoints and its own node, as registered. */
    List<Service> services();
}
