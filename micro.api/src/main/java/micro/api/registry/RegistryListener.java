package micro.api.registry;

/** Receives registry changes; see {@link Registry#watch}. */
@FunctionalInterface
public interface RegistryListener {

    void onEvent(RegistryEvent event);
}
