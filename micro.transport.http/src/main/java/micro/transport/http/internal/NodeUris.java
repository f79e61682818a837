package micro.transport.http.internal;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request URI of each node address, parsed once instead of on every call. Bounded: nodes come and
 * go (a new port on every restart), so past {@link #LIMIT} addresses the cache starts over.
 */
final class NodeUris {

    static final int LIMIT = 1024;

    private final Map<String, URI> uris = new ConcurrentHashMap<>();

    /** {@code http://ADDRESS/}; an address that is not host:port throws IllegalArgumentException. */
    URI of(String address) {
        URI uri = uris.get(address);
        if (uri == null) {
            uri = URI.create("http://" + address + "/");
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("not host:port: " + address);
            }
            if (uris.size() >= LIMIT) {
                uris.clear();
            }
            uris.put(address, uri);
        }
        return uri;
    }
}
