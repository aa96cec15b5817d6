package io.ember.benchmarks.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceReader.Status;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.LongVector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventGeneratorSourceTest {

  private static List<Batch> drain(SourceReader reader, int maxPolls) {
    List<Batch> out = new ArrayList<>();
    for (int i = 0; i < maxPolls; i++) {
      if (reader.pollNext(out::add) == Status.END_OF_INPUT) {
        break;
      }
    }
    return out;
  }

  @Test
  void theAvailableNowViewEmitsEveryEventOnceAcrossPartitionsAndEnds() {
    EventGeneratorSource source = new EventGeneratorSource(10_007, 2, 0);
    assertFalse(source.isBounded());
    Source bounded = source.availableNow();
    assertTrue(bounded.isBounded());
    List<SourceSplit> splits = bounded.planSplits(2);
    assertEquals(2, splits.size());
    boolean[] seen = new boolean[10_007];
    for (int p = 0; p < 2; p++) {
      SourceReader reader = bounded.createReader(List.of(splits.get(p)), new ReaderContext(p, 2, 1000, null));
      for (Batch b : drain(reader, 100)) {
        long[] ts = ((LongVector) b.column(0)).values();
        long[] auction = ((LongVector) b.column(1)).values();
        long[] price = ((LongVector) b.column(2)).values();
        for (int r = 0; r < b.numRows(); r++) {
          long i = (ts[r] - StreamEvents.EPOCH_MICROS) / StreamEvents.MICROS_PER_EVENT;
          assertEquals(p, i % 2, "partition " + p + " emits its congruence class");
          assertFalse(seen[(int) i], "event " + i + " twice");
          seen[(int) i] = true;
          assertEquals(StreamEvents.auction(i), auction[r]);
          assertEquals(StreamEvents.price(i), price[r]);
        }
      }
      assertEquals(Status.END_OF_INPUT, reader.pollNext(b -> {}));
    }
    for (int i = 0; i < seen.length; i++) {
      assertTrue(seen[i], "event " + i + " missing");
    }
  }

  @Test
  void aRestoredReaderContinuesFromItsOffsetAndTheStreamWaitsAfterTheLastEvent() {
    EventGeneratorSource source = new EventGeneratorSource(5000, 1, 0);
    List<SourceSplit> splits = source.planSplits(1);
    SourceReader first = source.createReader(splits, new ReaderContext(0, 1, 1000, null));
    List<Batch> two = new ArrayList<>();
    first.pollNext(two::add);
    first.pollNext(two::add);
    byte[] offsets = first.snapshotOffsets(0);
    assertEquals("2000", first.describeOffsets());
    SourceReader restored = source.createReader(splits, new ReaderContext(0, 1, 1000, null));
    restored.restoreOffsets(offsets);
    List<Batch> rest = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      assertEquals(i < 3 ? Status.MORE_AVAILABLE : Status.NOTHING_AVAILABLE, restored.pollNext(rest::add));
    }
    assertEquals(3, rest.size());
    assertEquals(StreamEvents.ts(2000), ((LongVector) rest.get(0).column(0)).getLong(0));
  }

  @Test
  void aThrottledSourceEmitsOnlyWhatIsDueStampedWithItsDueTime() {
    long rate = 1000; // one event per ms
    EventGeneratorSource source = new EventGeneratorSource(1_000_000, 1, rate);
    List<SourceSplit> splits = source.planSplits(1);
    long start = ((EventGeneratorSource.Split) splits.get(0)).startMicros();
    SourceReader reader = source.createReader(splits, new ReaderContext(0, 1, 100_000, null));
    List<Batch> out = new ArrayList<>();
    reader.pollNext(out::add);
    long elapsedMicros = EventGeneratorSource.nowMicros() - start;
    int emitted = out.stream().mapToInt(Batch::numRows).sum();
    assertTrue(emitted >= 1 && emitted <= elapsedMicros * rate / 1_000_000 + 1,
        emitted + " events after " + elapsedMicros + " µs");
    LongVector ts = (LongVector) out.get(0).column(0);
    for (int r = 0; r < ts.size(); r++) {
      assertEquals(start + r * 1000L, ts.getLong(r));
    }
  }
}
