package org.rebound.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class GcLogTest {

    private static final List<String> LOG = List.of(
            "[0.012s] Using G1",
            "[1.500s] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.456ms",
            "[3.000s] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(256M) 5.123ms",
            "[5.000s] GC(2) Pause Young (Concurrent Start) (G1 Humongous Allocation) 1G->40M(1024M) 7.0ms",
            "[6.000s] GC(3) Pause Remark 41M->41M(1024M) 1.0ms");

    @Test
    void peakIsTheLargestHeapBeforeACollection() {
        assertEquals(1024, GcLog.parse(LOG).peakMib());
    }

    @Test
    void everyCollectionLineIsReadAndOtherLinesAreNot() {
        assertEquals(4, GcLog.parse(LOG).collections().size());
    }

    @Test
    void liveHeapIsTheMeanAfterCollectionsWithinTheTimeSpan() {
        assertEquals(35.0, GcLog.parse(LOG).meanLiveMibFrom(2.0, 5.5), 0.001);
    }

    @Test
    void anEmptyLogHasNoPeak() {
        assertEquals(0, GcLog.parse(List.of()).peakMib());
    }
}
