package micro.api.registry;

/**
 * One registry change. For {@link Type#CREATE} and {@link Type#UPDATE} the service holds the nodes
 * that were added or renewed; for {@link Type#DELETE} the nodes that left.
 */
public record RegistryEvent(Type type, Service service) {

    public enum Type {
        CREATE, UPDATE, DELETE
    }
}
