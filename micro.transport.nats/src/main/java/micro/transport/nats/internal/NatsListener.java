package micro.transport.nats.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;

import micro.api.MicroException;
import micro.api.transport.Listener;
import micro.api.transport.Message;
import micro.api.transport.TransportHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node on NATS: a subscription to its subject whose requests run on the transport's workers.
 * Closing it unsubscribes first (new requests find no responder and go to another node) and then
 * waits up to {@value #DRAIN_MILLIS} ms for the calls in flight to answer.
 */
final class NatsListener implements Listener {

    private static final Logger LOG = LoggerFactory.getLogger(NatsListener.class);
    private static final long DRAIN_MILLIS = 10_000;

    private final String subject;
    private final TransportHandler handler;
    private final Executor workers;
    private final Consumer<NatsListener> onClose;
    private final Object calls = new Object();
    private int inFlight; // guarded by calls
    private Connection connection;
    private Dispatcher dispatcher;
    private boolean closed;

    NatsListener(String subject, TransportHandler handler, Executor workers, Consumer<NatsListener> onClose) {
        this.subject = subject;
        this.handler = handler;
        this.workers = workers;
        this.onClose = onClose;
    }

    @Override
    public String address() {
        return subject;
    }

    synchronized void subscribe(Connection to) {
        if (closed) {
            return;
        }
        connection = to;
        dispatcher = to.createDispatcher(request -> {
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
        if (subscribed != null) {
            open.closeDispatcher(subscribed);
        }
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
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
        onClose.accept(this);
    }
}
