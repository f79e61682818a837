package micro.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The bundle jars the host installs: {@code bundles/*.jar} inside micro.jar, or a folder of them. */
final class BundleSource {

    /** One bundle to install: a name for its location and its bytes. */
    record Entry(String name, byte[] content) {
    }

    private BundleSource() {
    }

    /** The bundles packed beside this class: in micro.jar, or in target/classes when run from a build. */
    static List<Entry> embedded() {
        return embedded(name -> true);
    }

    /** The embedded bundles whose file names {@code wanted} accepts; the others are not even read. */
    static List<Entry> embedded(Predicate<String> wanted) {
        try {
            Path location = Path.of(BundleSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(location) ? folder(location.resolve("bundles"), wanted) : jar(location, wanted);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate micro.jar", e);
        }
    }

    static List<Entry> folder(Path folder) {
        return folder(folder, name -> true);
    }

    private static List<Entry> folder(Path folder, Predicate<String> wanted) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("no bundles in " + folder + ": build with 'mvn package' first");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Entry> entries = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".jar") && wanted.test(f.getFileName().toString()))
                    .sorted().toList()) {
                entries.add(new Entry(file.getFileName().toString(), Files.readAllBytes(file)));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Entry> jar(Path jar, Predicate<String> wanted) {
        List<Entry> entries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> all = file.entries();
            while (all.hasMoreElements()) {
                JarEntry entry = all.nextElement();
                if (entry.getName().startsWith("bundles/") && entry.getName().endsWith(".jar")
                        && wanted.test(entry.getName().substring("bundles/".length()))) {
                    try (InputStream in = file.getInputStream(entry)) {
                        entries.add(new Entry(entry.getName().substring("bundles/".length()), in.readAllBytes()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundles inside " + jar, e);
        }
        entries.sort((a, b) -> a.name().compareTo(b.name()));
        return entries;
    }
}
