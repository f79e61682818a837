package micro.core.internal.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import micro.api.MicroException;
import micro.api.client.RetryPolicy;
import micro.api.registry.Node;
import micro.api.selector.Next;
import micro.api.selector.Selector;
import micro.api.transport.Message;
import micro.api.transport.NodeTimeoutException;
import micro.api.transport.NotServedHereException;
import micro.api.transport.Transport;
import micro.api.transport.TransportException;
import micro.api.transport.TransportHandler;
import micro.api.wrapper.CallRefusedException;
import micro.api.wrapper.CallWrapper;
import micro.core.internal.local.LocalNodes;

/**
 * The state of one call: its deadline, the nodes left to try and the last error. Each attempt goes to
 * the next node, as {@link RetryPolicy} describes: a node that cannot be reached costs no attempt (the
 * request never ran, and the node is blacklisted); an error reply is retried after a doubling backoff
 * when the policy says so and attempts and time remain; a spent deadline ends the call; when no node
 * at all is left (a restart's gap) the call waits for one within the deadline. Never blocks: attempts
 * chain on the transport's futures.
 */
final class CallAttempts {

    private static final long MIN_GAP_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_GAP_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How a call retries: attempts after the first, the first pause (doubled at each further one), the policy. */
    record Retries(int count, Duration backoff, RetryPolicy policy) {
    }

    private final String service;
    private final String endpoint;
    private Next nodes; // replaced by a fresh selection when a retry finds no node left
    private final Supplier<Next> reselect;
    private final Selector selector;
    private final Transports transports;
    private final LocalNodes localNodes;
    private final Message request;
    private final long deadline;
    private final Duration timeout;
    private final Retries retries;
    private final List<CallWrapper> wrappers;
    private final CompletableFuture<Message> result = new CompletableFuture<>();
    private boolean awaited; // set before the first attempt
    private int gapWaits;
    /** The nodes of {@link #nodes} are known to be out of date: ask the selector before the next attempt. */
    private boolean staleNodes;

    /**
     * {@code reselect}: a fresh selection for a retry that finds no node left; null for a fixed address.
     * {@code wrappers}: the call wrappers every attempt goes through, outermost first.
     */
    CallAttempts(String service, String endpoint, Next nodes, Supplier<Next> reselect, Selector selector,
            Transports transports, LocalNodes localNodes, Message request, Duration timeout, Retries retries,
            List<CallWrapper> wrappers) {
        this.wrappers = wrappers;
        this.service = service;
        this.endpoint = endpoint;
        this.nodes = nodes;
        this.reselect = reselect;
        this.selector = selector;
        this.transports = transports;
        this.localNodes = localNodes;
        this.request = request;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.retries = retries;
    }

    /** Starts the call, for callers that may chain continuations of any kind on its future. */
    CompletableFuture<Message> start() {
        attempt(0, null);
        return result;
    }

    /**
     * Starts the call for a caller that only waits for it: a reply may complete the future on the
     * transport's I/O thread. Not with call wrappers, whose continuations would run there too.
     */
    CompletableFuture<Message> startAwaited() {
        awaited = wrappers.isEmpty();
        return start();
    }

    private void attempt(int number, MicroException previous) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            // Waiting for a node that never came is the node failure it was, not a slow call.
            result.completeExceptionally(gapWaits > 0 && previous != null ? previous : timedOut(previous));
            return;
        }
        Node node;
        try {
            node = nextReachable(previous);
        } catch (MicroException none) {
            // Only a failure that may go to another node gets here with previous set: wait for one.
            if (previous != null && reselect != null) {
                awaitANode(number, previous, remaining);
            } else {
                result.completeExceptionally(previous != null ? previous : none);
            }
            return;
        }
        // The callee learns how long this caller waits (go-micro's Timeout header) and works no longer.
        Message sent = OutgoingHeaders.withTimeout(request, remaining);
        TransportHandler local = localNodes.get(node.address());
        if (local != null) {
            send(number, node, sent, message -> callLocally(local, message));
            return;
        }
        String transportName = node.metadata().getOrDefault(Node.TRANSPORT, "http");
        Transport transport = transports.get(transportName);
        if (transport == null) {
            // Not the node's fault (no blacklist), and mostly a moment's gap while a transport restarts:
            // the request never ran, so wait for the transport within the deadline, costing no attempt.
            MicroException missing = MicroException.unavailable("micro.client", "node " + node.id()
                    + " is served over transport '" + transportName + "' which is not installed here (installed: "
                    + transports.names() + ")");
            if (reselect != null) {
                // This call's node list is from before: the node may be registered again over another
                // transport by now, which only a fresh look at the selector shows.
                staleNodes = true;
                awaitANode(number, missing, remaining);
            } else {
                failed(number, node, missing);
            }
            return;
        }
        Duration budget = Duration.ofNanos(remaining);
        send(number, node, sent, awaited ? message -> transport.callAwaited(node.address(), message, budget)
                : message -> transport.call(node.address(), message, budget));
    }

    /** Sends one attempt through the call wrappers of the call's start, {@code terminal} last. */
    private void send(int number, Node node, Message sent, CallWrapper.Next terminal) {
        CompletableFuture<Message> reply;
        try {
            reply = wrappers.isEmpty() ? terminal.proceed(sent) : wrapped(node, sent, terminal);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((message, error) -> {
            if (error == null) {
                selector.mark(service, node, null);
                result.complete(message);
            } else {
                failed(number, node, asMicro(error));
            }
        });
    }

    /**
     * No node to call after a node failed: a momentary gap (a transport or service restarting, the
     * node about to register again). Wait and ask the selector again, within the deadline, without
     * using up a retry: no live node gets more calls from this.
     */
    private void awaitANode(int number, MicroException previous, long remaining) {
        gapWaits++;
        long pause = Math.max(MIN_GAP_PAUSE_NANOS, Math.min(retries.backoff().toNanos() << Math.min(gapWaits - 1, 4), MAX_GAP_PAUSE_NANOS));
        CompletableFuture.delayedExecutor(Math.min(pause, remaining), TimeUnit.NANOSECONDS).execute(() -> attempt(number, previous));
    }

    /**
     * The next node this host can call: one it serves itself or one over a transport installed here.
     * A node of a service served over several transports is several nodes, and this host may speak
     * only some of them: those it cannot call are passed over at no cost. When every node left is
     * of that kind, the first of them is returned, for the caller to wait on (a transport restarting).
     */
    private Node nextReachable(MicroException previous) {
        Node first = next(previous);
        Node node = first;
        java.util.Set<String> passed = null;
        while (!reachable(node)) {
            if (passed == null) {
                passed = new java.util.HashSet<>();
            }
            if (!passed.add(node.id())) {
                return first; // around the list once: none reachable
            }
            try {
                node = nodes.next();
            } catch (MicroException none) {
                return first;
            }
        }
        return node;
    }

    private boolean reachable(Node node) {
        return localNodes.get(node.address()) != null
                || transports.get(node.metadata().getOrDefault(Node.TRANSPORT, "http")) != null;
    }

    /**
     * The next node to try. On a retry with every known node tried or left out, the selector is asked
     * again: during a restart the node comes back at a new address, or other nodes registered.
     */
    private Node next(MicroException previous) {
        if (staleNodes) {
            staleNodes = false;
            nodes = reselect.get();
        }
        try {
            return nodes.next();
        } catch (MicroException none) {
            if (previous == null || reselect == null) {
                throw none;
            }
            nodes = reselect.get();
            return nodes.next();
        }
    }

    private CompletableFuture<Message> wrapped(Node node, Message sent, CallWrapper.Next terminal) {
        CallWrapper.Attempt attempt = new CallWrapper.Attempt(service, endpoint, node, sent);
        CallWrapper.Next next = terminal;
        for (int i = wrappers.size() - 1; i >= 0; i--) {
            CallWrapper wrapper = wrappers.get(i);
            CallWrapper.Next inner = next;
            next = message -> wrapper.call(attempt, inner);
        }
        return next.proceed(sent);
    }

    /** A node of this very host: its dispatcher runs on this thread, errors arrive as the transport would carry them. */
    private CompletableFuture<Message> callLocally(TransportHandler local, Message sent) {
        try {
            return CompletableFuture.completedFuture(local.handle(sent));
        } catch (MicroException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(MicroException.internal(service, String.valueOf(e.getMessage())));
        }
    }

    private void failed(int number, Node node, MicroException error) {
        selector.mark(service, node, error);
        if (error instanceof NodeTimeoutException || (error.code() == 408 && deadline - System.nanoTime() <= 0)) {
            result.completeExceptionally(timedOut(error)); // the deadline is spent: no time for another attempt
        } else if (error instanceof NotServedHereException && reselect != null) {
            // The node's handlers are away for a moment (an update, a drain): the request never ran.
            // Pause and ask again within the deadline, costing no retry; another node, if any, is next.
            awaitANode(number, error, Math.max(0, deadline - System.nanoTime()));
        } else if (error instanceof TransportException && reselect != null) {
            // The node could not be reached: the request never ran, and the node is left out now, so
            // going on to the next node costs no attempt (a restart leaves a dead address or two behind).
            attempt(number, error);
        } else if (error instanceof CallRefusedException) {
            result.completeExceptionally(error); // a wrapper refused it: at once again, it would refuse again
        } else if (number < retries.count() && retries.policy().retry(number + 1, error)) {
            long pause = Math.min(retries.backoff().toNanos() << Math.min(number, 16), Math.max(0, deadline - System.nanoTime()));
            CompletableFuture.delayedExecutor(pause, TimeUnit.NANOSECONDS).execute(() -> attempt(number + 1, error));
        } else {
            result.completeExceptionally(error);
        }
    }

    private MicroException timedOut(MicroException cause) {
        return new MicroException("micro.client", 408, "call to " + service + " " + endpoint + " timed out after "
                + timeout.toMillis() + " ms", cause);
    }

    private static MicroException asMicro(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof MicroException micro ? micro
                : new MicroException("micro.client", 500, String.valueOf(cause.getMessage()), cause);
    }
}
