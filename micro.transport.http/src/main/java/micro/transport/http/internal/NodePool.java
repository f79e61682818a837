package micro.transport.http.internal;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import micro.api.transport.TransportException;

import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.Promise;

/**
 * The keep-alive connections to one node: at most {@code maxConnections}, opened when calls need
 * them, the most recently used handed out first (so that a light load keeps a few warm and lets the
 * rest time out idle). A call that finds none free waits in a queue of at most {@code maxWaiting};
 * beyond it the call fails at once, as a node that far behind is better tried elsewhere. When a
 * connection cannot be opened and none is left, the calls waiting for one fail with the reason.
 */
final class NodePool {

    private final String address;
    private final ClientConnector connector;
    private final Executor opener;
    private final int maxConnections;
    private final int maxWaiting;
    private final int maxBodyBytes;
    private final ArrayDeque<NodeConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<PendingCall> waiting = new ArrayDeque<>();
    private int open; // connected or connecting
    private int connecting;
    private boolean closed;

    NodePool(String address, ClientConnector connector, Executor opener, int maxConnections, int maxWaiting, int maxBodyBytes) {
        this.address = address;
        this.connector = connector;
        this.opener = opener;
        this.maxConnections = maxConnections;
        this.maxWaiting = maxWaiting;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Sends {@code call} on an idle connection, or queues it for the next one free. */
    void send(PendingCall call) {
        NodeConnection connection;
        boolean openOne = false;
        boolean closing;
        synchronized (this) {
            closing = closed;
            if (closing) {
                connection = null;
            } else {
                connection = idle.pollLast();
                if (connection == null && waiting.size() < maxWaiting) {
                    waiting.addLast(call);
                    openOne = startConnectingIfNeeded();
                    call = null;
                }
            }
        }
        if (connection != null) {
            connection.send(call);
        } else if (call != null) {
            call.fail(new TransportException(address, closing ? "the transport is closing"
                    : maxWaiting + " calls are already waiting for a connection to it", null));
        }
        if (openOne) {
            opener.execute(this::connect);
        }
    }

    /** A call that timed out while waiting lets go of its place. */
    synchronized void forget(PendingCall call) {
        waiting.remove(call);
    }

    /** Connections open or being opened. */
    synchronized int connections() {
        return open;
    }

    /** Whether nothing is open, connecting or waiting: a pool that may be dropped. */
    synchronized boolean isUnused() {
        return open == 0 && waiting.isEmpty();
    }

    void opened(NodeConnection connection) {
        synchronized (this) {
            connecting--;
        }
        release(connection);
    }

    /** One more connection when more calls wait than connections are on their way, within the limit. */
    private boolean startConnectingIfNeeded() {
        if (closed || waiting.size() <= connecting || open >= maxConnections) {
            return false;
        }
        open++;
        connecting++;
        return true;
    }

    /** {@code connection} is free again: it carries the next waiting call, or waits idle. */
    void release(NodeConnection connection) {
        PendingCall next;
        synchronized (this) {
            next = nextWaiting();
            if (next == null) {
                idle.addLast(connection);
            }
        }
        if (next != null) {
            connection.send(next);
        }
    }

    void closed(NodeConnection connection) {
        boolean reopen;
        synchronized (this) {
            idle.remove(connection);
            open--;
            reopen = startConnectingIfNeeded();
        }
        if (reopen) {
            opener.execute(this::connect);
        }
    }

    /** Closes the idle connections and fails the waiting calls; connections carrying a call finish it. */
    void close() {
        List<NodeConnection> toClose;
        List<PendingCall> toFail;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
            toFail = new ArrayList<>(waiting);
            waiting.clear();
        }
        toClose.forEach(NodeConnection::close);
        toFail.forEach(call -> call.fail(new TransportException(address, "the transport is closing", null)));
    }

    private PendingCall nextWaiting() {
        PendingCall next = waiting.pollFirst();
        while (next != null && next.isDone()) {
            next = waiting.pollFirst();
        }
        return next;
    }

    private void connect() {
        InetSocketAddress socket;
        try {
            HostPort hostPort = HostPort.parse(address);
            socket = new InetSocketAddress(hostPort.host(), hostPort.port());
            if (socket.isUnresolved()) {
                throw new IllegalArgumentException("unknown host " + hostPort.host());
            }
        } catch (RuntimeException e) {
            connectFailed(e);
            return;
        }
        Map<String, Object> context = new HashMap<>();
        context.put(Transport.CONTEXT_KEY, Transport.TCP_IP);
        context.put(ClientConnectionFactory.CONTEXT_KEY,
                (ClientConnectionFactory) (endPoint, ignored) -> new NodeConnection(endPoint, this, connector.getByteBufferPool(),
                        maxBodyBytes));
        context.put(ClientConnector.CONNECTION_PROMISE_CONTEXT_KEY, new Promise<Connection>() {
            @Override
            public void succeeded(Connection connection) {
                // NodeConnection.onOpen has put it to work
            }

            @Override
            public void failed(Throwable failure) {
                connectFailed(failure);
            }
        });
        connector.connect(socket, context);
    }

    /** No connection could be opened: with none left, every waiting call fails with the reason. */
    private void connectFailed(Throwable failure) {
        List<PendingCall> toFail = List.of();
        synchronized (this) {
            open--;
            connecting--;
            if (open == 0) {
                toFail = new ArrayList<>(waiting);
                waiting.clear();
            }
        }
        String reason = failure instanceof java.net.ConnectException ? "connection refused" : String.valueOf(failure.getMessage());
        for (PendingCall call : toFail) {
            call.fail(new TransportException(address, reason, failure));
        }
    }
}
