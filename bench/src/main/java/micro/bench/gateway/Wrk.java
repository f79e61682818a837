package micro.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (Debian's package) with a POST script and reads its summary: requests/s and latency percentiles. */
final class Wrk {

    record Outcome(double requestsPerSecond, double p50Micros, double p99Micros, long non2xx, long socketErrors) {

        /** This outcome, or a failure naming {@code route} where a reply was not a 2xx or a socket failed. */
        Outcome requireClean(String route) {
            if (non2xx > 0 || socketErrors > 0) {
                throw new IllegalStateException(route + ": " + non2xx + " non-2xx replies and " + socketErrors + " socket errors");
            }
            return this;
        }
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");

    private Wrk() {
    }

    static Outcome run(String url, String body, Map<String, String> headers, int threads, int connections, Duration duration)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("micro-bench-wrk", ".lua");
        StringBuilder lua = new StringBuilder("wrk.method = \"POST\"\nwrk.body = '").append(body).append("'\n");
        lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        headers.forEach((name, value) -> lua.append("wrk.headers[\"").append(name).append("\"] = \"").append(value).append("\"\n"));
        Files.writeString(script, lua);
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--latency", "-s", script.toString(), url));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes());
        int exit = wrk.waitFor();
        Files.deleteIfExists(script);
        if (exit != 0) {
            throw new IllegalStateException("wrk " + url + " failed (exit " + exit + "):\n" + output);
        }
        return parse(output);
    }

    /** The summary wrk prints with {@code --latency}. */
    static Outcome parse(String output) {
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output:\n" + output);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double micros = micros(Double.parseDouble(percentile.group(2)), percentile.group(3));
            if (percentile.group(1).equals("50")) {
                p50 = micros;
            } else {
                p99 = micros;
            }
        }
        Matcher non2xx = NON_2XX.matcher(output);
        Matcher socket = SOCKET_ERRORS.matcher(output);
        long socketErrors = 0;
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(socket.group(group));
            }
        }
        return new Outcome(Double.parseDouble(rate.group(1)), p50, p99, non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                socketErrors);
    }

    private static double micros(double value, String unit) {
        return switch (unit) {
            case "us" -> value;
            case "ms" -> value * 1000;
            default -> value * 1_000_000;
        };
    }
}
