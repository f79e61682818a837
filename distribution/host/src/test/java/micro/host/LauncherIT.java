package micro.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distribution/bin/micro}: micro.jar with the measured JVM settings and a class-data archive per command. */
class LauncherIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("micro.launcher", "../bin/micro"));

    @TempDir
    Path dir;

    private Processes.Result launch(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Map<String, String> withJava = new java.util.HashMap<>(environment);
        withJava.put("JAVA_HOME", System.getProperty("java.home"));
        return Processes.runCommand(command, withJava);
    }

    @Test
    void runsMicroJarAndKeepsAClassDataArchiveForTheNextStart() throws Exception {
        Map<String, String> environment = Map.of("MICRO_JAR", Processes.microJar().toAbsolutePath().toString(),
                "MICRO_CDS_DIR", dir.toString());
        Processes.Result first = launch(environment, "--version");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().startsWith("micro version "), first.out());
        List<Path> archives;
        try (var files = Files.list(dir)) {
            archives = files.toList();
        }
        assertEquals(1, archives.size(), "the first start wrote its archive: " + archives);
        assertTrue(archives.get(0).getFileName().toString().startsWith("micro---version-"), archives.toString());

        Processes.Result second = launch(environment, "--version");
        assertEquals(0, second.exit(), second.err());
        assertEquals(first.out(), second.out(), "the same answer, from the archive");
        assertEquals("", second.err(), "no CDS warning reaches the user");
    }

    @Test
    void saysWhereItLookedWhenMicroJarIsMissing() throws Exception {
        Processes.Result missing = launch(Map.of("MICRO_JAR", dir.resolve("nothing.jar").toString()), "--version");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("cannot find micro.jar") && missing.err().contains("MICRO_JAR"), missing.err());
    }
}
