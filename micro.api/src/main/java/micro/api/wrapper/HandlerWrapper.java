package micro.api.wrapper;

import micro.api.metadata.Metadata;

import org.osgi.annotation.versioning.ConsumerType;

/** Around every call the server serves: go-micro's {@code HandlerWrapper}. */
@ConsumerType
public interface HandlerWrapper {

    /** What is being served; {@code request} is decoded (null for an endpoint without one). */
    record ServedCall(String service, String endpoint, Metadata metadata, Object request) {
    }

    /** The rest of the chain, the handler last. */
    @FunctionalInterface
    interface Next {
        Object proceed() throws Exception;
    }

    /**
     * Serves {@code call}: returns {@code next.proceed()}'s result (perhaps after looking at it), or
     * throws a {@link micro.api.MicroException} to answer with that error instead.
     */
    Object serve(ServedCall call, Next next) throws Exception;
}
