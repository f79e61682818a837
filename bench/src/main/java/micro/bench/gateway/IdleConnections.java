package micro.bench.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections a client opened, used once and left idle: what a gateway in front of many
 * browsers or pooled clients holds. Each sends one POST and reads its answer, so the server has
 * taken it as a keep-alive HTTP/1.1 connection (not just an accepted socket); then one more every
 * {@link #REFRESH}, as a pooled client would, so that the server's idle timeout (30 s) does not
 * close them during a measurement longer than that (1,000 connections: 100 requests/s in all).
 */
final class IdleConnections implements AutoCloseable {

    private static final Duration REFRESH = Duration.ofSeconds(10);

    private final List<Socket> sockets = new ArrayList<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "idle-connections-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final byte[] request;

    private IdleConnections(byte[] request) {
        this.request = request;
    }

    static IdleConnections open(int count, String host, int port, String path, String json) throws IOException {
        IdleConnections idle = new IdleConnections(("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + json.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + json).getBytes(StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket();
                idle.sockets.add(socket);
                socket.connect(new InetSocketAddress(host, port), 5_000);
                socket.setSoTimeout(5_000);
                idle.use(socket, i);
            }
        } catch (IOException | RuntimeException e) {
            idle.close();
            throw e;
        }
        idle.refresher.scheduleWithFixedDelay(idle::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        return idle;
    }

    private void use(Socket socket, int index) throws IOException {
        socket.getOutputStream().write(request);
        String status = readAnswer(socket.getInputStream());
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IllegalStateException("connection " + (index + 1) + " of " + sockets.size() + " was answered " + status);
        }
    }

    private void refresh() {
        for (int i = 0; i < sockets.size(); i++) {
            try {
                use(sockets.get(i), i);
            } catch (IOException | RuntimeException e) {
                // counted by stillOpen: a connection the server closed stays closed
            }
        }
    }

    /** How many of the connections the server still holds open: a closed one reads end-of-stream at once. */
    int stillOpen() throws IOException, InterruptedException {
        refresher.shutdown();
        refresher.awaitTermination(30, TimeUnit.SECONDS);
        int open = 0;
        for (Socket socket : sockets) {
            socket.setSoTimeout(1);
            try {
                if (socket.getInputStream().read() != -1) {
                    throw new IllegalStateException("an idle connection received bytes it did not ask for");
                }
            } catch (SocketTimeoutException e) {
                open++; // nothing to read and not closed: still open
            } catch (IOException e) {
                // reset by the server: closed
            }
        }
        return open;
    }

    /** Reads one answer (status line, headers, a Content-Length body) and returns its status line. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("the server closed the connection before answering in full");
            }
            head.append((char) b);
        }
        String headers = head.toString();
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return headers.substring(0, headers.indexOf("\r\n"));
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing what the bench opened; nothing to report
            }
        }
        sockets.clear();
    }
}
