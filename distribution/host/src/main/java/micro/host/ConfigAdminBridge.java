package micro.host;

import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Writes configurations through the ConfigAdmin service from outside the framework. The launcher does
 * not share the {@code org.osgi.service.cm} classes with the bundles, so it calls them reflectively
 * through the classes of the ConfigAdmin bundle itself.
 */
final class ConfigAdminBridge {

    private static final String ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";

    private ConfigAdminBridge() {
    }

    static void apply(BundleContext context, Bundle configAdmin, Map<String, Hashtable<String, Object>> pids)
            throws Exception {
        // All references, not only class-compatible ones: the launcher shares no classes with the bundles.
        ServiceReference<?>[] references = context.getAllServiceReferences(ADMIN, null);
        if (references == null) {
            throw new IllegalStateException("ConfigAdmin did not start");
        }
        ServiceReference<?> reference = references[0];
        Object admin = context.getService(reference);
        try {
            Method getConfiguration = configAdmin.loadClass(ADMIN).getMethod("getConfiguration", String.class, String.class);
            Method update = configAdmin.loadClass(CONFIGURATION).getMethod("update", Dictionary.class);
            for (Map.Entry<String, Hashtable<String, Object>> pid : pids.entrySet()) {
                // Location "?" binds the configuration to whichever bundle holds the component.
                Object configuration = getConfiguration.invoke(admin, pid.getKey(), "?");
                update.invoke(configuration, pid.getValue());
            }
        } finally {
            context.ungetService(reference);
        }
    }
}
