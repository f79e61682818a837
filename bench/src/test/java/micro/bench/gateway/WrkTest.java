package micro.bench.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WrkTest {

    /** wrk 4.1 (Debian) against a server answering 501 to POST, with --latency. */
    private static final String REFUSED = """
            Running 2s test @ http://127.0.0.1:19601/
              1 threads and 2 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.43ms  533.14us   7.01ms   73.51%
                Req/Sec     1.32k    64.61     1.43k    75.00%
              Latency Distribution
                 50%    1.38ms
                 75%    1.71ms
                 90%    2.06ms
                 99%    2.91ms
              2622 requests in 2.00s, 1.39MB read
              Non-2xx or 3xx responses: 2622
            Requests/sec:   1309.65
            Transfer/sec:    709.92KB
            """;

    @Test
    void readsRateLatenciesInMicrosAndErrors() {
        Wrk.Outcome outcome = Wrk.parse(REFUSED);
        assertEquals(1309.65, outcome.requestsPerSecond(), 1e-9);
        assertEquals(1380.0, outcome.p50Micros(), 1e-9);
        assertEquals(2910.0, outcome.p99Micros(), 1e-9);
        assertEquals(2622, outcome.non2xx());
        assertEquals(0, outcome.socketErrors());
    }

    @Test
    void addsUpSocketErrorsAndReadsMicroseconds() {
        Wrk.Outcome outcome = Wrk.parse("""
                  Latency Distribution
                     50%  219.00us
                     99%    1.20s
                  Socket errors: connect 1, read 2, write 3, timeout 4
                Requests/sec:   3918.87
                """);
        assertEquals(219.0, outcome.p50Micros(), 1e-9);
        assertEquals(1_200_000.0, outcome.p99Micros(), 1e-9);
        assertEquals(10, outcome.socketErrors());
    }

    @Test
    void refusesOutputWithoutASummary() {
        assertThrows(IllegalStateException.class, () -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"));
    }
}
