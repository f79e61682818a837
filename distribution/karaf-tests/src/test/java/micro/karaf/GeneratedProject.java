package micro.karaf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A project made from one of micro's archetypes and built as a plugin author would: Maven run
 * offline ({@code -o}) against the local repository this build installed into, so a dependency or
 * plugin the archetype forgot to pin fails here instead of on an author's machine.
 */
final class GeneratedProject {

    private static final String VERSION = System.getProperty("micro.version");
    private static final String GROUP = "com.example";

    private final Path folder;
    private final String artifactId;

    private GeneratedProject(Path folder, String artifactId) {
        this.folder = folder;
        this.artifactId = artifactId;
    }

    /** {@code mvn archetype:generate} of {@code archetype} into {@code parent}, in batch mode. */
    static GeneratedProject generate(Path parent, String archetype, String artifactId) throws IOException, InterruptedException {
        Files.createDirectories(parent);
        maven(parent, "org.apache.maven.plugins:maven-archetype-plugin:" + System.getProperty("archetype.version") + ":generate",
                "-DarchetypeGroupId=io.micro.osgi", "-DarchetypeArtifactId=" + archetype, "-DarchetypeVersion=" + VERSION,
                "-DgroupId=" + GROUP, "-DartifactId=" + artifactId, "-Dversion=1.0.0", "-Dpackage=" + GROUP + "." + artifactId,
                "-DinteractiveMode=false");
        return new GeneratedProject(parent.resolve(artifactId), artifactId);
    }

    /** {@code mvn package} (with its unit tests); the bundle it made. */
    Path build() throws IOException, InterruptedException {
        maven(folder, "package");
        Path jar = folder.resolve("target/" + artifactId + "-1.0.0.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("mvn package of " + folder + " made no " + jar.getFileName());
        }
        return jar;
    }

    private static void maven(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(), "-B",
                "-ntp", "-o", "-Dmaven.repo.local=" + System.getProperty("maven.repo.local")));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile("maven", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process maven = builder.start();
        try {
            if (!maven.waitFor(5, TimeUnit.MINUTES)) {
                maven.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within 5 minutes");
            }
            if (maven.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " in " + directory + " failed (exit " + maven.exitValue()
                        + "):\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
