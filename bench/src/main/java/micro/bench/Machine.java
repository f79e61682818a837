package micro.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine the numbers belong to: cores, CPU model, memory, JDK. */
record Machine(int cores, String cpu, long memoryMib, String jdk, String os) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemoryMib(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cores", cores);
        map.put("cpu", cpu);
        map.put("memory_mib", memoryMib);
        map.put("jdk", jdk);
        map.put("os", os);
        return map;
    }

    String describe() {
        return cores + " cores (" + cpu + "), " + memoryMib / 1024 + " GiB, " + jdk + ", " + os;
    }

    private static String readCpuModel() {
        return procLine("/proc/cpuinfo", "model name").map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
    }

    private static long readMemoryMib() {
        return procLine("/proc/meminfo", "MemTotal").map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024).orElse(-1L);
    }

    private static java.util.Optional<String> procLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
