package micro.wrapper.logging.internal;

import java.util.Locale;

import micro.api.MicroException;
import micro.api.metadata.Metadata;
import micro.api.wrapper.HandlerWrapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A line per served call: the service and endpoint, who called, the outcome and the time it took,
 * e.g. {@code micro.srv.greeter Say.Hello from micro.api.greeter: ok in 1.2 ms}. Failures and slow
 * calls are warnings; successes are info, or left out.
 */
@Component(service = HandlerWrapper.class, configurationPid = "micro.wrapper.logging")
@Designate(ocd = RequestLogWrapper.Config.class)
public final class RequestLogWrapper implements HandlerWrapper {

    @ObjectClassDefinition(name = "micro request log", description = "A log line per served call. Changes apply at once.")
    public @interface Config {
        @AttributeDefinition(name = "Successes", description = "Log calls that succeeded in time too (info); "
                + "off: only failures and slow calls (warnings).")
        boolean successes() default true;

        @AttributeDefinition(name = "Slow (ms)", description = "A call that takes longer is logged as a warning.", min = "1")
        long slow_ms() default 1000;

        @AttributeDefinition(name = "Metadata", description = "Call metadata shown in each line when the call carries "
                + "them, e.g. a trace id the edge was given (X-Micro-Trace-Id: abc at the gateway).")
        String[] metadata() default { "X-Micro-Trace-Id" };
    }

    /** Where the lines go: the bundle's logger, or a test's list. */
    interface Lines {
        void write(boolean warning, String line);
    }

    private static final Logger LOG = LoggerFactory.getLogger("micro.requests");

    private final Lines lines;
    private volatile Config config;

    @Activate
    public RequestLogWrapper(Config config) {
        this(config, (warning, line) -> {
            if (warning) {
                LOG.warn(line);
            } else {
                LOG.info(line);
            }
        });
    }

    RequestLogWrapper(Config config, Lines lines) {
        this.config = config;
        this.lines = lines;
    }

    @Modified
    void modified(Config newConfig) {
        config = newConfig;
    }

    @Override
    public Object serve(ServedCall call, Next next) throws Exception {
        long start = System.nanoTime();
        try {
            Object result = next.proceed();
            written(call, "ok", start, false);
            return result;
        } catch (MicroException e) {
            written(call, "failed " + e.code() + " (" + e.detail() + ")", start, true);
            throw e;
        } catch (Exception | Error e) {
            written(call, "failed (" + e + ")", start, true);
            throw e;
        }
    }

    /** {@code " [Name=value, ...]"} of the configured metadata the call carries; empty when none. */
    private static String shown(Metadata metadata, String[] names) {
        StringBuilder shown = new StringBuilder();
        for (String name : names == null ? new String[0] : names) {
            String value = name.isBlank() ? null : metadata.get(name.trim());
            if (value != null) {
                shown.append(shown.length() == 0 ? " [" : ", ").append(name.trim()).append('=').append(value);
            }
        }
        return shown.length() == 0 ? "" : shown.append(']').toString();
    }

    private void written(ServedCall call, String outcome, long start, boolean failed) {
        Config current = config;
        double millis = (System.nanoTime() - start) / 1e6;
        boolean slow = millis > current.slow_ms();
        if (!failed && !slow && !current.successes()) {
            return;
        }
        String caller = call.metadata().get(Metadata.FROM_SERVICE);
        lines.write(failed || slow, call.service() + " " + call.endpoint() + (caller == null ? "" : " from " + caller)
                + shown(call.metadata(), current.metadata()) + ": "
                + outcome + " in " + String.format(Locale.ROOT, "%.1f", millis) + " ms" + (slow ? " (slow)" : ""));
    }
}
