package micro.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The dashboard's page, script, styles and icon, read once from inside the bundle: nothing comes from
 * a CDN, so it works on machines without internet. Pages are one shell whose script draws the page it
 * is told; every value from the registry is put in with {@code textContent}, never as HTML.
 */
final class Assets {

    private static final Map<String, String> TYPES = Map.of("app.js", "text/javascript; charset=utf-8", "style.css",
            "text/css; charset=utf-8", "favicon.svg", "image/svg+xml");

    private final Map<String, byte[]> files;
    private final String page;

    Assets() {
        files = Map.of("app.js", read("app.js"), "style.css", read("style.css"), "favicon.svg", read("favicon.svg"));
        page = new String(read("page.html"), StandardCharsets.UTF_8);
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks web/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers an asset; false when there is none of that name. */
    boolean serve(String name, Response response, Callback callback) {
        byte[] bytes = files.get(name);
        if (bytes == null) {
            return false;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPES.get(name));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "max-age=300");
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }

    /** The shell of page {@code id} (one of the dashboard's own names, never text from a request). */
    boolean page(String id, int status, Response response, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        // Scripts only from this origin, no inline script, no plugins: an injected tag cannot run.
        response.getHeaders().put("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                + "script-src 'self'; object-src 'none'; frame-ancestors 'none'");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(page.replace("{{page}}", id).getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
