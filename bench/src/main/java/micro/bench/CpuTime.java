package micro.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time (user + system) a process and its children have used, from {@code /proc/PID/stat}: on two
 * shared cores the CPU a request costs each process is steadier than requests per second.
 */
public final class CpuTime {

    /** Linux's USER_HZ, the unit of the stat file's times; 100 on every mainstream kernel build. */
    private static final double TICKS_PER_SECOND = 100;

    private CpuTime() {
    }

    /** Seconds of CPU used so far by {@code process} and its descendants; 0 where /proc does not tell. */
    public static double seconds(Process process) {
        return seconds(process.toHandle());
    }

    /** Seconds of CPU used so far by the process {@code handle} names and its descendants; 0 where /proc does not tell. */
    public static double seconds(ProcessHandle handle) {
        return Stream.concat(Stream.of(handle), handle.descendants()).mapToDouble(CpuTime::ownSeconds).sum();
    }

    private static double ownSeconds(ProcessHandle handle) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(handle.pid()), "stat"));
            // the command name in parentheses may hold spaces: the fields are counted after its ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND; // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
