package micro.bench.unary;

import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import micro.bench.Payload;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The floor's client: the Jetty HttpClient micro's transport uses, set up alike, posting the JSON by hand. */
final class FloorCaller implements Caller {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPECTED = Payload.greeting(Payload.NAME);

    private final HttpClient client = new HttpClient();
    private final String url;

    FloorCaller(int port) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 2);
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setMaxConnectionsPerDestination(64);
        client.setUserAgentField(null);
        client.start();
        url = "http://127.0.0.1:" + port + "/";
    }

    @Override
    public void call() throws Exception {
        ContentResponse response = client.POST(url).timeout(5, TimeUnit.SECONDS)
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
