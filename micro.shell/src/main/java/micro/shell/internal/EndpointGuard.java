package micro.shell.internal;

import java.util.Set;


import micro.api.MicroException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Who may drive the command endpoint: a program of the user who started the host. A browser always
 * sends {@code Origin} on the requests a page makes, so any request with one is refused (a web page
 * must not reach a loopback service); a {@code Host} other than the address the endpoint listens on
 * is refused too (DNS rebinding); and the request must carry the host's {@link CommandToken}.
 * Headers only: a refused client gets its answer before a byte of its body is read.
 */
final class EndpointGuard {

    private final CommandToken token;
    private final Set<String> hosts;
    private final String expected;

    /** {@code listenHost} and {@code port}: where the endpoint listens; loopback names are accepted too. */
    EndpointGuard(CommandToken token, String listenHost, int port) {
        this.token = token;
        this.expected = "127.0.0.1:" + port;
        this.hosts = new java.util.HashSet<>(java.util.List.of(expected, "localhost:" + port, "[::1]:" + port,
                listenHost.toLowerCase(java.util.Locale.ROOT) + ":" + port));
    }

    void check(Request request) {
        if (request.getHeaders().get(HttpHeader.ORIGIN) != null) {
            throw new MicroException("micro.shell", 403, "the command endpoint does not take requests from web pages");
        }
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null || !hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
            throw new MicroException("micro.shell", 403, "the command endpoint answers only to Host " + expected);
        }
        if (!token.presentedIn(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            throw new MicroException("micro.shell", 401, "send the token in " + token.file()
                    + " as 'Authorization: Bearer TOKEN'; micro.jar commands do, when run by the user who started the host");
        }
    }
}
