package micro.transport.nats.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;

import micro.api.MicroException;
import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.StreamHandler;
import micro.api.transport.TransportHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node on NATS: a subscription to its subject whose requests run on the transport's workers.
 * A request with {@link NatsStream#INBOX} opens a stream instead (when the node serves streams):
 * answered with the node's end's inbox, served on a thread of its own, at most
 * {@value #MAX_STREAMS} at once (then a 503). Closing it drains the subscription (new requests find no
 * responder and go to another node, those already delivered are still served), waits up to
 * {@value #DRAIN_MILLIS} ms for the calls in flight to answer, then ends the streams still open with a 503.
 */
final class NatsListener implements Listener {

    private static final Logger LOG = LoggerFactory.getLogger(NatsListener.class);
    private static final long DRAIN_MILLIS = 10_000;
    static final int MAX_STREAMS = 256;
    /** How long the node's end of a stream waits for the caller to read before a send fails with 408. */
    static final Duration STREAM_SEND_WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger STREAM_THREADS = new AtomicInteger();

    private final String subject;
    private final TransportHandler handler;
    private final StreamHandler streams; // null: unary calls only
    private final Semaphore streamSlots = new Semaphore(MAX_STREAMS);
    private final Set<NatsStream> openStreams = ConcurrentHashMap.newKeySet();
    private final Executor workers;
    private final Consumer<NatsListener> onClose;
    private final Object calls = new Object();
    private int inFlight; // guarded by calls
    private Connection connection;
    private Dispatcher dispatcher;
    private boolean closed;

    NatsListener(String subject, TransportHandler handler, StreamHandler streams, Executor workers,
            Consumer<NatsListener> onClose) {
        this.subject = subject;
        this.handler = handler;
        this.streams = streams;
        this.workers = workers;
        this.onClose = onClose;
    }

    @Override
    public String address() {
        return subject;
    }

    /** @param frames where the frames of this node's streams are read (the transport's, shared) */
    synchronized void subscribe(Connection to, Dispatcher frames) {
        if (closed) {
            return;
        }
        connection = to;
        dispatcher = to.createDispatcher(request -> {
            String callerInbox = request.getHeaders() == null ? null : request.getHeaders().getFirst(NatsStream.INBOX);
            if (callerInbox != null) {
                openStream(to, frames, request, callerInbox);
                return;
            }
            try {
                started();
                workers.execute(() -> serve(to, request));
            } catch (RejectedExecutionException e) {
                ended();
                answer(to, request, MicroException.unavailable("micro.transport.nats", "node " + subject
                        + " is busy: every worker serves a call and as many wait; try another node"));
            }
        });
        dispatcher.subscribe(subject);
    }

    private void openStream(Connection to, Dispatcher frames, io.nats.client.Message request, String callerInbox) {
        if (streams == null) {
            answer(to, request, new MicroException("micro.transport.nats", 501, "node " + subject + " serves no streams"));
            return;
        }
        if (!streamSlots.tryAcquire()) {
            answer(to, request, MicroException.unavailable("micro.transport.nats", "node " + subject + " serves "
                    + MAX_STREAMS + " streams already; try another node"));
            return;
        }
        NatsStream stream;
        try {
            stream = new NatsStream(to, frames, STREAM_SEND_WAIT, ended -> {
                openStreams.remove(ended);
                streamSlots.release();
            });
        } catch (RuntimeException e) {
            streamSlots.release();
            answer(to, request, new MicroException("micro.transport.nats", 502, "cannot open the stream: " + e.getMessage()));
            return;
        }
        openStreams.add(stream);
        stream.peer(callerInbox);
        io.nats.client.impl.Headers opened = new io.nats.client.impl.Headers();
        opened.put(NatsStream.INBOX, stream.inbox());
        to.publish(request.getReplyTo(), opened, new byte[0]);
        Message opening = NatsWire.message(request);
        java.util.Map<String, String> headers = new java.util.HashMap<>(opening.headers());
        headers.remove(NatsStream.INBOX);
        Thread served = new Thread(() -> serveStream(new Message(headers, opening.body()), stream),
                "micro-nats-stream-" + STREAM_THREADS.incrementAndGet());
        served.setDaemon(true);
        served.start();
    }

    /** The stream is closed when the handler returns and failed when it throws, as {@link StreamHandler} says. */
    private void serveStream(Message opening, NatsStream stream) {
        try {
            streams.serve(opening, stream);
            stream.served();
        } catch (MicroException e) {
            stream.fail(e);
            stream.served();
        } catch (RuntimeException e) {
            LOG.warn("stream handler failed", e);
            stream.fail(MicroException.internal("micro.transport.nats", String.valueOf(e.getMessage())));
            stream.served();
        }
    }

    private void serve(Connection to, io.nats.client.Message request) {
        try {
            Message reply = handler.handle(NatsWire.message(request));
            try {
                to.publish(request.getReplyTo(), NatsWire.headers(reply), reply.body());
            } catch (IllegalArgumentException tooLarge) {
                answer(to, request, new MicroException("micro.transport.nats", 413, "the reply of " + reply.body().length
                        + " bytes is larger than this NATS server carries"));
            }
        } catch (MicroException e) {
            answer(to, request, e);
        } catch (RuntimeException e) {
            LOG.warn("request handler failed", e);
            answer(to, request, MicroException.internal("micro.transport.nats", String.valueOf(e.getMessage())));
        } finally {
            ended();
        }
    }

    private static void answer(Connection to, io.nats.client.Message request, MicroException error) {
        if (request.getReplyTo() != null) {
            to.publish(request.getReplyTo(), NatsWire.errorHeaders(error), NatsWire.errorBody(error));
        }
    }

    private void started() {
        synchronized (calls) {
            inFlight++;
        }
    }

    private void ended() {
        synchronized (calls) {
            inFlight--;
            calls.notifyAll();
        }
    }

    @Override
    public void close() {
        Connection open;
        Dispatcher subscribed;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = connection;
            subscribed = dispatcher;
        }
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        if (subscribed != null) {
            drain(subscribed);
        }
        synchronized (calls) {
            while (inFlight > 0 && System.currentTimeMillis() < deadline) {
                try {
                    calls.wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (NatsStream stream : openStreams) {
            stream.fail(MicroException.unavailable("micro.transport.nats", "node " + subject + " closed"));
        }
        onClose.accept(this);
    }

    /**
     * Unsubscribes and hands the requests already delivered to the subscription to the workers before
     * the dispatcher closes: closing it outright would drop them unanswered, each caller waiting out its
     * timeout, where after the unsubscription a caller hears "no responders" at once.
     */
    private void drain(Dispatcher subscribed) {
        try {
            if (!subscribed.drain(Duration.ofMillis(DRAIN_MILLIS)).get(DRAIN_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("node {} closed with requests still queued after {} ms", subject, DRAIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | IllegalStateException e) {
            // the connection closed meanwhile: nothing more arrives, and what had arrived is gone with it
            LOG.debug("draining node {}: {}", subject, e.toString());
        }
    }
}
