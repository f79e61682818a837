package micro.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;

import org.junit.jupiter.api.Test;

class NodeUrisTest {

    @Test
    void anAddressIsParsedOnceIntoTheNodesRootUri() {
        NodeUris uris = new NodeUris();
        URI first = uris.of("127.0.0.1:8081");
        assertEquals(URI.create("http://127.0.0.1:8081/"), first);
        assertSame(first, uris.of("127.0.0.1:8081"));
        assertEquals(URI.create("http://[::1]:9090/"), uris.of("[::1]:9090"));
    }

    @Test
    void anAddressThatIsNotHostAndPortIsRefused() {
        NodeUris uris = new NodeUris();
        assertThrows(IllegalArgumentException.class, () -> uris.of("no such host"));
        assertThrows(IllegalArgumentException.class, () -> uris.of("under_score:80"));
    }

    @Test
    void theCacheStartsOverPastItsLimitInsteadOfGrowing() {
        NodeUris uris = new NodeUris();
        URI first = uris.of("127.0.0.1:1");
        for (int port = 2; port <= NodeUris.LIMIT + 1; port++) {
            uris.of("127.0.0.1:" + port);
        }
        URI again = uris.of("127.0.0.1:1");
        assertEquals(first, again);
        assertNotSame(first, again);
    }
}
