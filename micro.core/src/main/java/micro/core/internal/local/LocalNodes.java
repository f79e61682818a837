package micro.core.internal.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import micro.api.transport.TransportHandler;

import org.osgi.service.component.annotations.Component;

/**
 * The nodes this host serves itself, by the address they are registered under. The client calls such
 * a node directly, on the caller's thread, instead of through the transport (Dubbo's "injvm"): the
 * message is still encoded and decoded, so caller and service share no objects, but no socket, no HTTP
 * and no thread hand-off is paid. The server adds its address while it listens and removes it when it stops.
 */
@Component(service = LocalNodes.class)
public final class LocalNodes {

    private final Map<String, TransportHandler> handlers = new ConcurrentHashMap<>();

    public void add(String address, TransportHandler handler) {
        handlers.put(address, handler);
    }

    public void remove(String address, TransportHandler handler) {
        handlers.remove(address, handler);
    }

    /** The handler serving {@code address} in this host, or null when the node lives elsewhere. */
    public TransportHandler get(String address) {
        return handlers.isEmpty() ? null : handlers.get(address);
    }
}
