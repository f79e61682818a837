package micro.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HeapAfterGcTest {

    @Test
    void sumsTheSerialCollectorsGenerationsAndLeavesMetaspaceOut() {
        String info = """
                12345:
                 def new generation   total 29504K, used 1024K [0x00000000c0000000, 0x00000000c2000000, 0x00000000d5550000)
                  eden space 26240K,   3% used [0x00000000c0000000, 0x00000000c00c8d10, 0x00000000c19a0000)
                 tenured generation   total 65536K, used 20480K [0x00000000d5550000, 0x00000000d9550000, 0x0000000100000000)
                 Metaspace       used 40123K, committed 40512K, reserved 1114112K
                  class space    used 4800K, committed 5056K, reserved 1048576K
                """;
        assertEquals(21.0, HeapAfterGc.usedMib(info), 1e-9);
    }

    @Test
    void readsG1sSingleHeapLine() {
        String info = """
                 garbage-first heap   total 262144K, used 10240K [0x0000000700000000, 0x0000000800000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                 Metaspace       used 30000K, committed 30464K, reserved 1114112K
                """;
        assertEquals(10.0, HeapAfterGc.usedMib(info), 1e-9);
    }

    @Test
    void saysSoWhenTheAnswerHoldsNoHeap() {
        assertThrows(IllegalStateException.class, () -> HeapAfterGc.usedMib("12345:\nCould not attach\n"));
    }
}
