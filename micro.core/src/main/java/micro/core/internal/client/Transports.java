package micro.core.internal.client;

import java.util.concurrent.CopyOnWriteArrayList;

import micro.api.transport.Transport;

/** The transports bound at the moment, found by the name a node advertises. Lookups do not lock. */
final class Transports {

    private final CopyOnWriteArrayList<Transport> transports = new CopyOnWriteArrayList<>();

    void add(Transport transport) {
        // Newest first: a transport re-installed at run time replaces an older one of the same name.
        transports.add(0, transport);
    }

    void remove(Transport transport) {
        transports.remove(transport);
    }

    /** The transport called {@code name}, or null. */
    Transport get(String name) {
        for (Transport transport : transports) {
            if (transport.name().equals(name)) {
                return transport;
            }
        }
        return null;
    }

    String names() {
        StringBuilder names = new StringBuilder();
        for (Transport transport : transports) {
            names.append(names.length() == 0 ? "" : ", ").append(transport.name());
        }
        return names.length() == 0 ? "none" : names.toString();
    }
}
