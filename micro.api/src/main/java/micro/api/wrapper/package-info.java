/**
 * Middleware around calls, go-micro's {@code WrapHandler}, {@code WrapCall} and
 * {@code WrapSubscriber}, as OSGi whiteboards.
 * <p>
 * Register an OSGi service of {@link micro.api.wrapper.HandlerWrapper} (around every call the server
 * serves), {@link micro.api.wrapper.CallWrapper} (around every attempt of a client call, with the
 * node chosen) or {@link micro.api.wrapper.SubscriberWrapper} (around every message delivered to a
 * subscriber), and it joins the chain at once, ordered by {@code service.ranking} (the highest runs
 * first, outermost); unregister it and it leaves. A call or delivery runs through the chain as it
 * was when it started, so a wrapper coming or going never fails one in flight.
 * <p>
 * A wrapper proceeds by calling {@code next}, or answers instead by throwing a
 * {@link micro.api.MicroException} (a breaker's 503, a limiter's 429), which the caller receives
 * as the call's error.
 */
@Export
@Version("1.0.0")
package micro.api.wrapper;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
