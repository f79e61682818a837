package micro.bench.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import micro.bench.ChildProcess;
import micro.bench.HeapAfterGc;
import micro.bench.Report;
import micro.bench.Stats;

/**
 * The one-host gateway kept under 64 connections for minutes: its live heap after a full GC before
 * and after (flat is the goal: no leak), its RSS at the end, and whether its throughput held.
 */
final class HostSoak {

    private final Duration length;
    private double heapBeforeMib;
    private double heapAfterMib;
    private double rssAfterMib;
    private Wrk.Outcome outcome;

    HostSoak(Duration length) {
        this.length = length;
    }

    void run(ChildProcess host, String url, String body) throws Exception {
        heapBeforeMib = HeapAfterGc.liveMib(host.process());
        System.out.printf("gateway (one host): soak of %d min at 64 connections starts; live heap %.1f MiB%n", length.toMinutes(),
                heapBeforeMib);
        outcome = Wrk.run(url, body, Map.of(), 2, 64, length).requireClean("soak");
        heapAfterMib = HeapAfterGc.liveMib(host.process());
        rssAfterMib = host.rssMib();
        System.out.printf("gateway (one host): soak done, %.0f req/s; live heap %.1f MiB (%+.1f), RSS %.0f MiB%n",
                outcome.requestsPerSecond(), heapAfterMib, heapAfterMib - heapBeforeMib, rssAfterMib);
    }

    void report(Report report) {
        report.headline("host_soak_heap_growth_mib", heapAfterMib - heapBeforeMib, 1);
        report.headline("host_soak_rss_mib", rssAfterMib, 0);
        report.section("Soak, one host", "The one-host gateway route under `wrk -t2 -c64` for " + length.toMinutes()
                + " min without a pause, after the rounds above. Live heap: the heap's used bytes right after a full GC "
                + "(`jcmd GC.run`, then `GC.heap_info`), before and after; growth would be a leak.",
                List.of("req/s over the soak", "p99 µs", "live heap before MiB", "live heap after MiB", "growth MiB", "RSS after MiB"),
                List.of(List.of(Stats.fixed(outcome.requestsPerSecond(), 0), Stats.fixed(outcome.p99Micros(), 0),
                        Stats.fixed(heapBeforeMib, 1), Stats.fixed(heapAfterMib, 1), Stats.fixed(heapAfterMib - heapBeforeMib, 1),
                        Stats.fixed(rssAfterMib, 0))));
    }
}
