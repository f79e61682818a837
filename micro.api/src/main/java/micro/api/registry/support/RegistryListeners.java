package micro.api.registry.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import micro.api.registry.RegistryEvent;
import micro.api.registry.RegistryListener;
import micro.api.registry.Watch;

/**
 * The listeners of a registry's watches and the fan-out of its events: each event reaches the
 * listeners of its service and those of every service, on the caller's thread, in the order they
 * watched. A listener that throws misses nothing else and stops no other listener.
 */
public final class RegistryListeners {

    private record Entry(String service, RegistryListener listener) {
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final BiConsumer<RegistryEvent, RuntimeException> onFailure;

    /** @param onFailure told of each event a listener threw on (to log it: the API logs nothing itself) */
    public RegistryListeners(BiConsumer<RegistryEvent, RuntimeException> onFailure) {
        this.onFailure = onFailure;
    }

    /**
     * @param service the service to hear of, or null for all
     * @return the watch; stopping it removes the listener
     */
    public Watch add(String service, RegistryListener listener) {
        Entry entry = new Entry(service, listener);
        entries.add(entry);
        return () -> entries.remove(entry);
    }

    public void deliver(RegistryEvent event) {
        for (Entry entry : entries) {
            if (entry.service() == null || entry.service().equals(event.service().name())) {
                try {
                    entry.listener().onEvent(event);
                } catch (RuntimeException e) {
                    onFailure.accept(event, e);
                }
            }
        }
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public void clear() {
        entries.clear();
    }
}
