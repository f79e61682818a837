package micro.bench.unary;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import micro.bench.Payload;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The floor's client: the Jetty HttpClient micro's transport uses, set up alike, posting the JSON by hand. */
final class FloorCaller implements Caller {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPECTED = Payload.greeting(Payload.NAME);

    private final HttpClient client;
    private final URI uri;

    /**
     * As micro.transport.http's HttpCaller sets its client up: no cookie store, no content decoders,
     * replies read on the I/O thread, which completes a call whose caller only waits (as micro's
     * synchronous {@code call} does).
     */
    FloorCaller(int port) throws Exception {
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP();
        transport.setInvocationType(InvocationType.NON_BLOCKING);
        client = new HttpClient(transport);
        QueuedThreadPool threads = new QueuedThreadPool(200, 2);
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setMaxConnectionsPerDestination(64);
        client.setUserAgentField(null);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.getContentDecoderFactories().clear();
        client.start();
        uri = URI.create("http://127.0.0.1:" + port + "/");
    }

    @Override
    public void call() throws Exception {
        ContentResponse response = client.newRequest(uri).method(HttpMethod.POST).timeout(5, TimeUnit.SECONDS)
                .body(new BytesRequestContent("application/json", JSON.writeValueAsBytes(new Hello(Payload.NAME))))
                .send();
        Greeting greeting = JSON.readValue(response.getContent(), Greeting.class);
        if (response.getStatus() != 200 || !EXPECTED.equals(greeting.msg())) {
            throw new IllegalStateException("wrong reply: " + response.getStatus());
        }
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
