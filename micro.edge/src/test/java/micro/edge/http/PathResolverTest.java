package micro.edge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PathResolverTest {

    private final PathResolver resolver = new PathResolver("micro.api", new EdgeErrors("micro.gateway"));

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "/greeter,               micro.api.greeter,       Greeter",
            "/greeter/hello,         micro.api.greeter,       Greeter.Hello",
            "/greeter/say/hello,     micro.api.greeter,       Say.Hello",
            "/greeter/say/hello/,    micro.api.greeter,       Say.Hello",
            "/v1/greeter/hello,      micro.api.v1.greeter,    Greeter.Hello",
            "/v1/foo/bar/baz,        micro.api.v1.foo,        Bar.Baz",
            "/a/b/c/d,               micro.api.a.b,           C.D",
            "/foo-bar/say-hi,        micro.api.foo-bar,       FooBar.SayHi",
            "/greeter/../other/x/y,  micro.api.other,         X.Y",
    })
    void resolvesRpcPathsAsGoMicroDoes(String path, String service, String endpoint) {
        assertEquals(new Route(service, endpoint), resolver.rpc(path));
    }

    @ParameterizedTest(name = "proxy {0} -> {1}")
    @CsvSource({
            "/greeter,              micro.api.greeter",
            "/greeter/any/path,     micro.api.greeter",
            "/v2/greeter/any,       micro.api.v2.greeter",
            "/foo-bar/x,            micro.api.foo-bar",
    })
    void resolvesProxyPathsByTheirFirstSegment(String path, String service) {
        assertEquals(new Route(service, null), resolver.proxy(path));
    }

    @Test
    void pathsWithoutAServiceResolveToNothing() {
        assertNull(resolver.rpc("/"));
        assertNull(resolver.proxy("/"));
        assertNull(resolver.proxy("/bad_name/x"));
    }

    @Test
    void anEmptyNamespaceLeavesTheServiceAlone() {
        assertEquals(new Route("greeter", "Say.Hello"), new PathResolver("", new EdgeErrors("micro.gateway")).rpc("/greeter/say/hello"));
    }
}
