package micro.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built artifacts the harness measures are: micro.jar and the Karaf assembly. */
public record Repo(Path root) {

    public static Repo locate() {
        Path here = Path.of(System.getProperty("micro.root", ".")).toAbsolutePath().normalize();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bench/pom.xml"))) {
                return new Repo(dir);
            }
        }
        throw new IllegalStateException("run the harness from the repository (bench/run): no bench/pom.xml above " + here);
    }

    public Path microJar() {
        return require(root.resolve("distribution/target/micro.jar"));
    }

    public Path karafAssembly() {
        return require(root.resolve("distribution/karaf/target/assembly"));
    }

    /** The example selector plugin (examples/selector), a third-party bundle for Karaf to take in and let go. */
    public Path selectorPlugin() {
        Path target = require(root.resolve("examples/selector/target"));
        try (java.util.stream.Stream<Path> jars = Files.list(target)) {
            return jars.filter(jar -> jar.getFileName().toString().matches("micro\\.example\\.selector-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no micro.example.selector jar in " + target
                            + ": build first with 'mvn -DskipTests install' (bench/run does)"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Path results() {
        return root.resolve("bench/results");
    }

    private static Path require(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: build first with 'mvn -DskipTests install' (bench/run does)");
        }
        return path;
    }
}
