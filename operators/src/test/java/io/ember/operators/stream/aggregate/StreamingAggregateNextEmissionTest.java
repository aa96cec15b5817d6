package io.ember.operators.stream.aggregate;

import static io.ember.operators.stream.aggregate.WindowedWordCount.at;
import static io.ember.operators.stream.aggregate.WindowedWordCount.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.operators.Operator;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.stream.OutputMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Operator#nextEmissionWatermarkMicros()} of the streaming aggregate: in append mode the end of the earliest
 * open window, the smallest watermark at which a watermark step emits; nothing to wait for in update mode.
 */
class StreamingAggregateNextEmissionTest {
  @Test
  void appendModeReportsTheEarliestOpenWindowEndAndEmitsExactlyThere() {
    WindowedWordCount q = WindowedWordCount.guide(OutputMode.APPEND, HeapStateBackend.INSTANCE, false);
    Operator op = q.stateful().operator();
    assertEquals(Long.MAX_VALUE, op.nextEmissionWatermarkMicros(), "no state, no watermark step yet");

    q.epoch(word("12:07", "dog"), word("12:08", "owl"));
    assertEquals(at("11:58"), q.watermark());
    assertEquals(at("12:10"), op.nextEmissionWatermarkMicros(), "windows 12:00-12:10 and 12:05-12:15 are open");

    q.epoch(word("12:14", "dog"), word("12:09", "cat"));
    assertEquals(at("12:10"), op.nextEmissionWatermarkMicros());

    q.epoch(word("12:15", "cat"), word("12:08", "dog"), word("12:13", "owl"), word("12:21", "owl"));
    assertEquals(at("12:11"), q.watermark(), "the watermark closed 12:00-12:10");
    assertEquals(at("12:15"), op.nextEmissionWatermarkMicros());
    q.stateful().drainRows();

    q.stateful().watermark(at("12:15") - 1);
    assertEquals(List.of(), q.stateful().drainRows(), "just below the reported watermark nothing closes");
    assertEquals(at("12:15"), op.nextEmissionWatermarkMicros());
    q.stateful().watermark(at("12:15"));
    assertEquals(3, q.stateful().drainRows().size(), "at the reported watermark 12:05-12:15 comes out (3 words)");
    assertEquals(at("12:20"), op.nextEmissionWatermarkMicros());

    q.stateful().watermark(at("12:40"));
    assertTrue(q.stateful().drainRows().size() > 0);
    assertEquals(Long.MAX_VALUE, op.nextEmissionWatermarkMicros(), "every window emitted");
  }

  @Test
  void updateModeHasNothingToEmitAtAWatermark() {
    WindowedWordCount q = WindowedWordCount.guide(OutputMode.UPDATE, HeapStateBackend.INSTANCE, false);
    q.epoch(word("12:07", "dog"), word("12:08", "owl"));
    q.epoch(word("12:21", "owl"));
    assertEquals(Long.MAX_VALUE, q.stateful().operator().nextEmissionWatermarkMicros());
  }
}
