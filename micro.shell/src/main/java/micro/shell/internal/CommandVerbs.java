package micro.shell.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The verbs a command object answers to, as Gogo finds them: its public instance methods by name.
 * Known before a line runs, so an unknown verb is told apart from Gogo's other refusals by lookup,
 * not by the text of the exception Gogo throws.
 */
final class CommandVerbs {

    private CommandVerbs() {
    }

    static Set<String> of(Class<?> commands) {
        return Set.copyOf(Arrays.stream(commands.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()))
                .map(Method::getName)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }
}
