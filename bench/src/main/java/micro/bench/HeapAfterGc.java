package micro.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a running JVM: {@code jcmd PID GC.run} (a full collection), then the "used" of
 * each heap space {@code GC.heap_info} lists (Metaspace, outside the heap, is not counted). Read
 * before and after a soak, its growth is what a leak would show; RSS alone mixes in the collector's slack.
 */
public final class HeapAfterGc {

    /** A heap space's line: "def new generation   total 29504K, used 1234K [...]" (Serial), "garbage-first heap   total ..." (G1). */
    private static final Pattern SPACE = Pattern.compile("total \\d+K, used (\\d+)K");

    private HeapAfterGc() {
    }

    public static double liveMib(Process jvm) throws IOException, InterruptedException {
        jcmd(jvm, "GC.run");
        return usedMib(jcmd(jvm, "GC.heap_info"));
    }

    /** The sum of the heap spaces' "used" in {@code GC.heap_info}'s answer, in MiB. */
    static double usedMib(String info) {
        Matcher space = SPACE.matcher(info);
        long usedKib = 0;
        boolean found = false;
        while (space.find()) {
            usedKib += Long.parseLong(space.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("no heap spaces in jcmd GC.heap_info's answer:\n" + info);
        }
        return usedKib / 1024.0;
    }

    private static String jcmd(Process jvm, String command) throws IOException, InterruptedException {
        String binary = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process jcmd = new ProcessBuilder(List.of(binary, String.valueOf(jvm.pid()), command)).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + jvm.pid() + " " + command + " failed:\n" + output);
        }
        return output;
    }
}
