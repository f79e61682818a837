package micro.core.internal.server;

import java.util.List;

import micro.api.MicroException;
import micro.api.wrapper.HandlerWrapper;

/** One served call through the handler wrappers of its start, outermost first, the handler last. */
final class HandlerChain {

    private HandlerChain() {
    }

    static Object serve(List<HandlerWrapper> wrappers, HandlerWrapper.ServedCall call, HandlerWrapper.Next handler) {
        HandlerWrapper.Next next = handler;
        for (int i = wrappers.size() - 1; i >= 0; i--) {
            HandlerWrapper wrapper = wrappers.get(i);
            HandlerWrapper.Next inner = next;
            next = () -> wrapper.serve(call, inner);
        }
        try {
            return next.proceed();
        } catch (MicroException e) {
            throw e;
        } catch (Exception e) {
            // A wrapper's own failure, not an answer: a 500 with its cause, logged where it is caught.
            throw new MicroException(call.service(), 500, "a handler wrapper failed on " + call.endpoint() + ": " + e, e);
        }
    }
}
